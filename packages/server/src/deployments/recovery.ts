/**
 * Recovery of deployments whose worker died. Safe to run from every process, any number of
 * times, while other workers are busy: it only touches what nobody owns.
 *
 * - A running deployment whose claim expired (ownership.ts) is cancelled, with one
 *   deployment.cancelled, after what is left of its build has been stopped (build-process.ts).
 * - An accepted deployment that never started (its request row is still there) is queued again
 *   when Redis lost its job, and recorded as cancelled, with its reason, when its job failed or
 *   its worker died before starting it.
 */
import { eq, lt } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { type DeploymentRequest, deployment, deploymentRequest } from "../db/schema/deployment";
import { isUniqueViolation } from "../lib/database-errors";
import { logger } from "../lib/logger";
import { sharedRedis } from "../lib/redis";
import { recordCancelledDeployment } from "../services/deployment";
import { serviceRefOf } from "../services/service-ref";
import { killOrphanedBuild } from "./build-process";
import { requestDeploymentCancel } from "./cancel-bus";
import { claimsAreReliable, isClaimed } from "./ownership";
import { deploymentsQueue, laneKey, queueDeploymentRequest, requestServiceRef } from "./queue";

export const INTERRUPTED_REASON = "Interrupted: the process building it stopped (crash or restart)";
export const NEVER_STARTED_REASON =
	"Interrupted: the process that took it stopped before it started";
export const COULD_NOT_START_PREFIX = "The deployment could not start: ";

export const recoverOrphanedDeployments = async (claimTtlMs: number) => {
	const redis = sharedRedis();
	if (!(await claimsAreReliable(redis, claimTtlMs))) return [];
	const running = await getDatabase()
		.select()
		.from(deployment)
		.where(eq(deployment.status, "running"));
	const recovered: string[] = [];
	for (const row of running) {
		if (await isClaimed(redis, row.deploymentId)) continue;
		const killed = await killOrphanedBuild(row.buildProcess);
		if (killed > 0) {
			logger.warn({ deploymentId: row.deploymentId, killed }, "stopped an orphaned build");
		}
		// Through the cancel bus: a worker that is alive but lost its claim stops its build too.
		if (await requestDeploymentCancel(row.deploymentId, INTERRUPTED_REASON)) {
			recovered.push(row.deploymentId);
		}
		await redis.lrem(laneKey(serviceRefOf(row)), 0, row.deploymentId);
	}
	return recovered;
};

/** Job states in which a request is on its way; an active one needs a live claim as well. */
const onItsWay = new Set(["waiting", "delayed", "prioritized", "paused", "waiting-children"]);

const recordNeverStarted = async (request: DeploymentRequest, reason: string) => {
	try {
		await recordCancelledDeployment(requestServiceRef(request), {
			deploymentId: request.deploymentId,
			...(request.title ? { title: request.title } : {}),
			trigger: {
				type: request.triggerType,
				...(request.triggeredBy ? { triggeredBy: request.triggeredBy } : {}),
			},
			branch: request.branch,
			commitHash: request.commitHash,
			reason,
		});
		return true;
	} catch (error) {
		// A worker started it in the meantime: then it runs, which is what we wanted.
		if (isUniqueViolation(error)) return false;
		throw error;
	}
};

/**
 * Requests older than `graceMs` (their queueing may still be in flight) that are not on their
 * way: queued again, or recorded as cancelled. Returns what it did, for the log.
 */
export const recoverUnstartedDeployments = async (claimTtlMs: number, graceMs = claimTtlMs) => {
	const redis = sharedRedis();
	const reliable = await claimsAreReliable(redis, claimTtlMs);
	const before = new Date(Date.now() - graceMs).toISOString();
	const requests = await getDatabase()
		.select()
		.from(deploymentRequest)
		.where(lt(deploymentRequest.requestedAt, before));
	const outcome = { requeued: [] as string[], cancelled: [] as string[] };
	for (const request of requests) {
		const job = await deploymentsQueue().getJob(request.deploymentId);
		if (!job) {
			await queueDeploymentRequest(request);
			outcome.requeued.push(request.deploymentId);
			continue;
		}
		const state = await job.getState();
		if (onItsWay.has(state)) continue;
		if (state === "active") {
			const takenRecently = Date.now() - (job.processedOn ?? Date.now()) < claimTtlMs;
			if (!reliable || takenRecently || (await isClaimed(redis, request.deploymentId))) continue;
		}
		const reason =
			state === "failed" && job.failedReason
				? `${COULD_NOT_START_PREFIX}${job.failedReason}`
				: NEVER_STARTED_REASON;
		if (await recordNeverStarted(request, reason)) outcome.cancelled.push(request.deploymentId);
		await redis.lrem(laneKey(requestServiceRef(request)), 0, request.deploymentId);
	}
	return outcome;
};
