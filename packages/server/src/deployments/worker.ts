/**
 * The deployments worker: takes a job, waits for its turn in the service's lane, creates the
 * deployment (status running, emitting deployment.started), runs the build and records how it
 * ended. Cancellation arrives over the cancel bus and stops the build's process group.
 *
 * Every way a job can end leaves its deployment finished, with exactly one terminal event:
 * the build's own outcome; a cancel or this worker's shutdown (cancelled, with the reason); an
 * error thrown by the job (failed); and the death of this worker, which other processes see as
 * an expired claim (ownership.ts) and recover (recovery.ts). The status only ever moves from
 * running, so whichever of these comes first is the one event.
 */
import path from "node:path";
import { DelayedError, type Job, Worker } from "bullmq";
import { nanoid } from "nanoid";
import { serverConfig } from "../lib/config";
import { retryWhileDatabaseIsAway } from "../lib/database-errors";
import { NotFoundError } from "../lib/errors";
import { logger } from "../lib/logger";
import { buildsDir } from "../lib/paths";
import { createRedisConnection, sharedRedis } from "../lib/redis";
import {
	cancelDeployment,
	createDeployment,
	createDeploymentCompose,
	findDeploymentById,
	recordBuildProcess,
	updateDeploymentStatus,
} from "../services/deployment";
import { findServiceUnscoped } from "../services/service";
import { describeBuildProcess } from "./build-process";
import { subscribeToCancellations } from "./cancel-bus";
import { createOwnership } from "./ownership";
import { DEPLOYMENTS_QUEUE, type DeploymentJobData, deploymentsQueue, laneKey } from "./queue";
import { describeOutcome, runBuild } from "./runner";

export interface DeploymentWorkerOptions {
	concurrency?: number;
	/** How long a build may run before it is stopped and marked failed (default 30 min). */
	buildTimeoutMs?: number;
	/** How often a job waiting for its service's lane looks again. */
	lanePollMs?: number;
	killGraceMs?: number;
	/** How long a dead worker's claim outlives it (ownership.ts). */
	claimTtlMs?: number;
}

const SHUTDOWN_REASON = "Interrupted: the worker building it shut down";

/**
 * A restart of PostgreSQL must not fail the deployments under way: every database step of a
 * job waits up to a minute for it to come back. The job's claim lives in Redis and is renewed
 * meanwhile, so recovery leaves the deployment to this worker.
 */
const whileDatabaseIsAway = <T>(step: (attempt: number) => Promise<T>) =>
	retryWhileDatabaseIsAway(step, { forMs: 60_000 });

const findDeploymentOrNull = (deploymentId: string) =>
	findDeploymentById(deploymentId).catch((error: unknown) => {
		if (error instanceof NotFoundError) return null;
		throw error;
	});

const readOptions = (options: DeploymentWorkerOptions) => ({
	concurrency: options.concurrency ?? serverConfig().deployments.concurrency,
	buildTimeoutMs: options.buildTimeoutMs ?? serverConfig().deployments.buildTimeoutMs,
	lanePollMs: options.lanePollMs ?? 500,
	killGraceMs: options.killGraceMs ?? 5_000,
	claimTtlMs: options.claimTtlMs ?? serverConfig().deployments.claimTtlMs,
});

/**
 * True when the job at the head of a lane will never run on: it ended, or its deployment has
 * finished (recovery cancels a dead worker's deployment long before BullMQ fails its job).
 */
const isFinishedJob = async (jobId: string) => {
	const job = await deploymentsQueue().getJob(jobId);
	if (!job) return true;
	const state = await job.getState();
	if (state === "completed" || state === "failed" || state === "unknown") return true;
	const row = await findDeploymentById(jobId).catch(() => null);
	return row !== null && row.status !== "running";
};

export const startDeploymentWorker = async (options: DeploymentWorkerOptions = {}) => {
	const settings = readOptions(options);
	const running = new Map<string, AbortController>();
	const lanes = sharedRedis();
	const ownership = createOwnership({
		redis: lanes,
		workerId: nanoid(),
		ttlMs: settings.claimTtlMs,
	});
	const unsubscribe = await subscribeToCancellations((deploymentId) => {
		running.get(deploymentId)?.abort();
	});

	/** True when this job may run now; otherwise it has been put back to wait its turn. */
	const takeTurn = async (job: Job<DeploymentJobData>, token: string) => {
		const lane = laneKey(job.data.service);
		if ((await lanes.lpos(lane, job.id!)) === null) await lanes.rpush(lane, job.id!);
		while (true) {
			const head = await lanes.lindex(lane, 0);
			if (head === job.id) return true;
			if (head && !(await isFinishedJob(head))) break;
			// The head was removed or died without leaving its lane: drop it.
			await lanes.lrem(lane, 1, head ?? "");
		}
		await job.moveToDelayed(Date.now() + settings.lanePollMs, token);
		return false;
	};

	const runDeployment = async (job: Job<DeploymentJobData>) => {
		const { service: ref, trigger, title, branch, commitHash } = job.data;
		const deploymentId = job.id!;
		// A row with this id already means it was cancelled while queued.
		if (await whileDatabaseIsAway(() => findDeploymentOrNull(deploymentId))) return;
		const service = await whileDatabaseIsAway(() => findServiceUnscoped(ref));
		const start = ref.type === "application" ? createDeployment : createDeploymentCompose;
		const deployment = await whileDatabaseIsAway(
			async (attempt) =>
				// A start whose connection dropped at commit may have happened: then its row is there.
				(attempt > 1 ? await findDeploymentOrNull(deploymentId) : null) ??
				start(ref.id, { deploymentId, title, trigger, branch, commitHash }),
		);
		const controller = new AbortController();
		running.set(deploymentId, controller);
		try {
			// A cancel may have landed between the insert and the registration above.
			const current = await whileDatabaseIsAway(() => findDeploymentById(deploymentId));
			if (current.status !== "running") return;
			const outcome = await runBuild({
				command: service.buildCommand,
				cwd: path.join(buildsDir(), service.appName),
				logPath: deployment.logPath,
				timeoutMs: settings.buildTimeoutMs,
				killGraceMs: settings.killGraceMs,
				signal: controller.signal,
				onSpawn: async (pid) => {
					const recorded = await describeBuildProcess(pid);
					if (recorded) await recordBuildProcess(deploymentId, recorded);
				},
				env: {
					DOKPLOY_DEPLOYMENT_ID: deploymentId,
					DOKPLOY_APP_NAME: service.appName,
					DOKPLOY_BRANCH: deployment.branch ?? "",
					DOKPLOY_COMMIT: deployment.commitHash ?? "",
				},
			});
			// Each of these moves the status only from running, so a repeat after a lost commit is a no-op.
			await whileDatabaseIsAway(() => {
				if (outcome.kind === "success") return updateDeploymentStatus(deploymentId, "done");
				if (outcome.kind === "cancelled") {
					// A user's cancel is recorded already; a shutdown is recorded here.
					const reason = controller.signal.reason;
					return cancelDeployment(
						deploymentId,
						typeof reason === "string" ? reason : SHUTDOWN_REASON,
					);
				}
				return updateDeploymentStatus(deploymentId, "error", {
					errorMessage: describeOutcome(outcome, settings.buildTimeoutMs),
					errorStage: outcome.kind === "spawn_error" ? "deploy" : "build",
				});
			});
		} finally {
			running.delete(deploymentId);
		}
	};

	/**
	 * The job threw (the database stayed away longer than the retries, say): its deployment ends
	 * as failed. If even that cannot be written, the released claim lets recovery finish it later.
	 */
	const endFailedJob = async (job: Job<DeploymentJobData>, error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		await whileDatabaseIsAway(() =>
			updateDeploymentStatus(job.id!, "error", {
				errorMessage: `The deployment job failed: ${message}`,
				errorStage: "deploy",
			}),
		).catch((cause: unknown) =>
			logger.warn({ err: cause, jobId: job.id }, "could not record a failed deployment job"),
		);
	};

	// BullMQ leaves a connection it was handed open when the worker closes; close() ends it.
	const connection = createRedisConnection();
	const worker = new Worker<DeploymentJobData>(
		DEPLOYMENTS_QUEUE,
		async (job, token) => {
			// Claimed for as long as this worker holds the job, even while it waits for its turn
			// or for the database: an active job without a live claim is a dead worker's.
			await ownership.claim(job.id!);
			try {
				if (!(await takeTurn(job, token!))) throw new DelayedError();
				try {
					await runDeployment(job);
				} catch (error) {
					await endFailedJob(job, error);
					throw error;
				} finally {
					await lanes.lrem(laneKey(job.data.service), 0, job.id!);
				}
			} finally {
				await ownership.release(job.id!);
			}
		},
		{
			connection,
			concurrency: settings.concurrency,
			// A deployment interrupted by a crash is not re-run; start-up recovery cancels it.
			maxStalledCount: 0,
		},
	);
	worker.on("failed", (job, error) =>
		logger.error({ err: error, jobId: job?.id }, "deployment job failed"),
	);
	worker.on("error", (error) => logger.error({ err: error }, "deployments worker error"));

	return {
		worker,
		close: async () => {
			for (const controller of running.values()) controller.abort(SHUTDOWN_REASON);
			await worker.close();
			ownership.close();
			await unsubscribe();
			connection.disconnect();
		},
	};
};
