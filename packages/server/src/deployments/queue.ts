/**
 * The `deployments` queue. A job id is also the id of the deployment it becomes, so a queued
 * deployment and the running one share an id in the API and the logs.
 *
 * Deployments of one service run one at a time, in the order they were asked for. Each
 * service has a lane in Redis (a list of job ids); only the job at the head of its lane may run,
 * the others wait (see worker.ts). Different services run side by side.
 */
import { Queue } from "bullmq";
import { inArray } from "drizzle-orm";
import { nanoid } from "nanoid";
import { getDatabase } from "../db/client";
import { type DeploymentRequest, deployment, deploymentRequest } from "../db/schema/deployment";
import { isUniqueViolation } from "../lib/database-errors";
import { NotFoundError, ValidationError } from "../lib/errors";
import { logger } from "../lib/logger";
import { processSingleton } from "../lib/process-singleton";
import { createRedisConnection, sharedRedis } from "../lib/redis";
import { recordCancelledDeployment } from "../services/deployment";
import { findServiceUnscoped, type ServiceRef } from "../services/service";
import type { EnqueueDeploymentOptions, QueuedDeployment } from "./contract";

export const DEPLOYMENTS_QUEUE = "deployments";

export interface DeploymentJobData extends EnqueueDeploymentOptions {
	service: ServiceRef;
	enqueuedAt: string;
}

export const deploymentsQueue = () =>
	processSingleton(
		"deployments-queue",
		() =>
			new Queue<DeploymentJobData>(DEPLOYMENTS_QUEUE, {
				connection: createRedisConnection(),
				defaultJobOptions: { removeOnComplete: 200, removeOnFail: 200, attempts: 1 },
			}),
	);

export const laneKey = (ref: ServiceRef) => `dokploy:deploy-lane:${ref.type}:${ref.id}`;

/** How long the API waits for Redis before answering with a deployment kept in the database. */
const ENQUEUE_WAIT_MS = 3_000;

const requestOf = (ref: ServiceRef, options: EnqueueDeploymentOptions, deploymentId: string) => ({
	deploymentId,
	applicationId: ref.type === "application" ? ref.id : null,
	composeId: ref.type === "compose" ? ref.id : null,
	title: options.title ?? null,
	triggerType: options.trigger.type,
	triggeredBy: options.trigger.triggeredBy ?? null,
	branch: options.branch ?? null,
	commitHash: options.commitHash ?? null,
	requestedAt: new Date().toISOString(),
});

export const requestServiceRef = (request: DeploymentRequest): ServiceRef =>
	request.applicationId
		? { type: "application", id: request.applicationId }
		: { type: "compose", id: request.composeId! };

/**
 * Puts a stored request's job in its lane and the queue. Safe to repeat: the job id is the
 * deployment id, and a lane entry of a job that already ran is dropped by the next in line.
 */
export const queueDeploymentRequest = async (request: DeploymentRequest) => {
	const ref = requestServiceRef(request);
	// Join the lane before the job exists, so no worker can see the job outside its lane.
	if ((await sharedRedis().lpos(laneKey(ref), request.deploymentId)) === null) {
		await sharedRedis().rpush(laneKey(ref), request.deploymentId);
	}
	await deploymentsQueue().add(
		"deploy",
		{
			service: ref,
			trigger: {
				type: request.triggerType,
				...(request.triggeredBy ? { triggeredBy: request.triggeredBy } : {}),
			},
			...(request.title ? { title: request.title } : {}),
			branch: request.branch,
			commitHash: request.commitHash,
			enqueuedAt: request.requestedAt,
		},
		{ jobId: request.deploymentId },
	);
};

/**
 * Accepts a deployment: the request is stored first, then queued. If Redis does not answer in
 * time the request stays in the database and the caller still gets its id; the queueing goes on
 * in the background, and the watchdog queues it again if that never lands.
 */
export const enqueueDeployment = async (ref: ServiceRef, options: EnqueueDeploymentOptions) => {
	await findServiceUnscoped(ref);
	const jobId = nanoid();
	const [request] = await getDatabase()
		.insert(deploymentRequest)
		.values(requestOf(ref, options, jobId))
		.returning();
	const queued = queueDeploymentRequest(request!);
	let timer: NodeJS.Timeout | undefined;
	const waited = await Promise.race([
		queued.then(
			() => true,
			() => false,
		),
		new Promise<false>((resolve) => {
			timer = setTimeout(() => resolve(false), ENQUEUE_WAIT_MS);
		}),
	]).finally(() => clearTimeout(timer));
	if (!waited) {
		logger.warn(
			{ deploymentId: jobId },
			"Redis is slow or away; the deployment waits in the database",
		);
		queued.catch((error: unknown) =>
			logger.warn(
				{ err: error, deploymentId: jobId },
				"could not queue a deployment; the watchdog will",
			),
		);
	}
	return { jobId };
};

/** Jobs not yet turned into deployments; a job waiting for its lane may be briefly active. */
const notStartedStates = ["waiting", "delayed", "prioritized", "paused", "active"] as const;

const startedIds = async (ids: string[]) => {
	if (ids.length === 0) return new Set<string>();
	const rows = await getDatabase()
		.select({ id: deployment.deploymentId })
		.from(deployment)
		.where(inArray(deployment.deploymentId, ids));
	return new Set(rows.map((row) => row.id));
};

export const findQueuedDeployments = async (ref: ServiceRef): Promise<QueuedDeployment[]> => {
	const jobs = (await deploymentsQueue().getJobs([...notStartedStates])).filter(
		(job) => job?.data.service.type === ref.type && job.data.service.id === ref.id,
	);
	const started = await startedIds(jobs.map((job) => job.id!));
	return jobs
		.filter((job) => !started.has(job.id!))
		.map((job) => ({
			jobId: job.id!,
			title: job.data.title ?? "Queued deployment",
			triggerType: job.data.trigger.type,
			enqueuedAt: job.data.enqueuedAt || new Date(job.timestamp).toISOString(),
		}))
		.sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt));
};

const alreadyStarted = () =>
	new ValidationError("This deployment has already started; cancel the running deployment instead");

/**
 * Takes a deployment out of the queue before it starts, and records it as cancelled. The
 * deployment row is the arbiter: a worker never starts a job whose id already has a row, and
 * if the worker got there first, recording fails on the primary key and we say so.
 */
export const cancelQueuedDeployment = async (ref: ServiceRef, jobId: string, reason: string) => {
	const queue = deploymentsQueue();
	const job = await queue.getJob(jobId);
	if (!job || job.data.service.type !== ref.type || job.data.service.id !== ref.id) {
		throw new NotFoundError("Queued deployment");
	}
	if ((await startedIds([jobId])).size > 0) throw alreadyStarted();
	// A worker may hold the job while it waits for its turn; then removal fails and the
	// cancelled row below keeps it from starting.
	await job.remove().catch(() => undefined);
	await sharedRedis().lrem(laneKey(ref), 0, jobId);
	try {
		return await recordCancelledDeployment(ref, {
			deploymentId: jobId,
			title: job.data.title,
			trigger: job.data.trigger,
			branch: job.data.branch,
			commitHash: job.data.commitHash,
			reason,
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw alreadyStarted();
		throw error;
	}
};
