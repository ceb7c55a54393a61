/**
 * The deployments worker: takes a job, waits for its turn in the service's lane, creates the
 * deployment (status running, emitting deployment.started), runs the build and records how it
 * ended. Cancellation arrives over the cancel bus and stops the build's process group.
 */
import path from "node:path";
import { DelayedError, type Job, Worker } from "bullmq";
import { serverConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { buildsDir } from "../lib/paths";
import { createRedisConnection, sharedRedis } from "../lib/redis";
import {
	createDeployment,
	createDeploymentCompose,
	findDeploymentById,
	updateDeploymentStatus,
} from "../services/deployment";
import { findService } from "../services/service";
import { subscribeToCancellations } from "./cancel-bus";
import { DEPLOYMENTS_QUEUE, type DeploymentJobData, deploymentsQueue, laneKey } from "./queue";
import { describeOutcome, runBuild } from "./runner";

export interface DeploymentWorkerOptions {
	concurrency?: number;
	/** How long a build may run before it is stopped and marked failed (default 30 min). */
	buildTimeoutMs?: number;
	/** How often a job waiting for its service's lane looks again. */
	lanePollMs?: number;
	killGraceMs?: number;
}

const readOptions = (options: DeploymentWorkerOptions) => ({
	concurrency: options.concurrency ?? serverConfig().deployments.concurrency,
	buildTimeoutMs: options.buildTimeoutMs ?? serverConfig().deployments.buildTimeoutMs,
	lanePollMs: options.lanePollMs ?? 500,
	killGraceMs: options.killGraceMs ?? 5_000,
});

const isFinishedJob = async (jobId: string) => {
	const job = await deploymentsQueue().getJob(jobId);
	if (!job) return true;
	const state = await job.getState();
	return state === "completed" || state === "failed" || state === "unknown";
};

export const startDeploymentWorker = async (options: DeploymentWorkerOptions = {}) => {
	const settings = readOptions(options);
	const running = new Map<string, AbortController>();
	const lanes = sharedRedis();
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
		// A row with this id already means it was cancelled while queued.
		if (await findDeploymentById(job.id!).catch(() => null)) return;
		const service = await findService(ref);
		const start = ref.type === "application" ? createDeployment : createDeploymentCompose;
		const deployment = await start(ref.id, {
			deploymentId: job.id!,
			title,
			trigger,
			branch,
			commitHash,
		});
		const controller = new AbortController();
		running.set(deployment.deploymentId, controller);
		try {
			// A cancel may have landed between the insert and the registration above.
			if ((await findDeploymentById(deployment.deploymentId)).status !== "running") return;
			const outcome = await runBuild({
				command: service.buildCommand,
				cwd: path.join(buildsDir(), service.appName),
				logPath: deployment.logPath,
				timeoutMs: settings.buildTimeoutMs,
				killGraceMs: settings.killGraceMs,
				signal: controller.signal,
				env: {
					DOKPLOY_DEPLOYMENT_ID: deployment.deploymentId,
					DOKPLOY_APP_NAME: service.appName,
					DOKPLOY_BRANCH: deployment.branch ?? "",
					DOKPLOY_COMMIT: deployment.commitHash ?? "",
				},
			});
			if (outcome.kind === "success") {
				await updateDeploymentStatus(deployment.deploymentId, "done");
			} else if (outcome.kind !== "cancelled") {
				await updateDeploymentStatus(deployment.deploymentId, "error", {
					errorMessage: describeOutcome(outcome, settings.buildTimeoutMs),
					errorStage: outcome.kind === "spawn_error" ? "deploy" : "build",
				});
			}
		} finally {
			running.delete(deployment.deploymentId);
		}
	};

	// BullMQ leaves a connection it was handed open when the worker closes; close() ends it.
	const connection = createRedisConnection();
	const worker = new Worker<DeploymentJobData>(
		DEPLOYMENTS_QUEUE,
		async (job, token) => {
			if (!(await takeTurn(job, token!))) throw new DelayedError();
			try {
				await runDeployment(job);
			} finally {
				await lanes.lrem(laneKey(job.data.service), 0, job.id!);
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
			for (const controller of running.values()) controller.abort();
			await worker.close();
			await unsubscribe();
			connection.disconnect();
		},
	};
};
