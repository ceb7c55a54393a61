/**
 * The deployment lifecycle. Every status change happens in one transaction together with its
 * lifecycle event (see lifecycle/emitter.ts), and only from `running`: a deployment that is
 * already finished (say, cancelled while its build was still exiting) is never changed again,
 * so each deployment emits exactly one terminal event.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { nanoid } from "nanoid";
import { getDatabase, type Transaction } from "../db/client";
import { type BuildProcess, deployment, deploymentRequest } from "../db/schema/deployment";
import { NotFoundError } from "../lib/errors";
import { readLogTail } from "../lib/log-tail";
import { logger } from "../lib/logger";
import { logsDir } from "../lib/paths";
import { runLifecycleTransaction } from "../lifecycle/emitter";
import { toLifecycleEvent } from "../lifecycle/event";
import { type ErrorStage, SYSTEM_TRIGGER, type TriggerType } from "../lifecycle/types";
import { findService, findServiceUnscoped, type ServiceRecord, type ServiceRef } from "./service";
import { serviceIdColumn, serviceOwnerColumns, serviceRefOf } from "./service-ref";

/** Dokploy keeps the newest 10 deployments of each service. */
export const DEPLOYMENTS_KEPT_PER_SERVICE = 10;
const LOG_TAIL_LINES = 50;

interface DeploymentTrigger {
	type: TriggerType;
	/** The user who clicked Deploy; hooks and schedules are "system". */
	triggeredBy?: string;
}

/** What a deployment is asked for with, by a user, a deploy hook or a schedule. */
export interface DeploymentRequest {
	trigger: DeploymentTrigger;
	title?: string;
	branch?: string | null;
	commitHash?: string | null;
}

export interface StartDeploymentOptions extends DeploymentRequest {
	/** Lets the queue record the id it already showed the user. */
	deploymentId?: string;
}

const defaultTitle = (trigger: DeploymentTrigger) =>
	({ manual: "Manual deployment", webhook: "Deploy hook", schedule: "Scheduled deployment" })[
		trigger.type
	];

const newDeploymentRow = (service: ServiceRecord, options: StartDeploymentOptions) => {
	const deploymentId = options.deploymentId ?? nanoid();
	return {
		deploymentId,
		title: options.title ?? defaultTitle(options.trigger),
		logPath: path.join(logsDir(), service.appName, `${deploymentId}.log`),
		...serviceOwnerColumns(service),
		startedAt: new Date().toISOString(),
		triggerType: options.trigger.type,
		triggeredBy: options.trigger.triggeredBy ?? SYSTEM_TRIGGER,
		sourceType: service.sourceType,
		repository: service.repository,
		branch: options.branch ?? service.branch,
		commitHash: options.commitHash ?? null,
	};
};

/** Deletes finished deployments beyond the newest N of a service; returns their log paths. */
const pruneOldDeployments = async (tx: Transaction, ref: ServiceRef) => {
	const stale = await tx
		.select({ deploymentId: deployment.deploymentId, logPath: deployment.logPath })
		.from(deployment)
		.where(and(eq(serviceIdColumn(deployment, ref.type), ref.id), ne(deployment.status, "running")))
		.orderBy(desc(deployment.startedAt), desc(deployment.createdAt))
		.offset(DEPLOYMENTS_KEPT_PER_SERVICE - 1);
	if (stale.length === 0) return [];
	await tx.delete(deployment).where(
		inArray(
			deployment.deploymentId,
			stale.map((row) => row.deploymentId),
		),
	);
	return stale.map((row) => row.logPath);
};

const removeLogFiles = (paths: string[]) => {
	for (const file of paths) {
		rm(file, { force: true }).catch((error: unknown) =>
			logger.warn({ err: error, file }, "could not remove an old deployment log"),
		);
	}
};

/** A queued request becomes its deployment row in the same transaction (see deploymentRequest). */
const forgetRequest = async (tx: Transaction, deploymentId: string | undefined) => {
	if (deploymentId) {
		await tx.delete(deploymentRequest).where(eq(deploymentRequest.deploymentId, deploymentId));
	}
};

const startDeployment = async (ref: ServiceRef, options: StartDeploymentOptions) => {
	const service = await findServiceUnscoped(ref);
	const { row, prunedLogs } = await runLifecycleTransaction(async (tx, emit) => {
		const prunedLogs = await pruneOldDeployments(tx, ref);
		await forgetRequest(tx, options.deploymentId);
		const [row] = await tx
			.insert(deployment)
			.values({ ...newDeploymentRow(service, options), status: "running" })
			.returning();
		await emit(toLifecycleEvent("deployment.started", row!, service));
		return { row: row!, prunedLogs };
	});
	removeLogFiles(prunedLogs);
	return row;
};

export const createDeployment = (applicationId: string, options: StartDeploymentOptions) =>
	startDeployment({ type: "application", id: applicationId }, options);

export const createDeploymentCompose = (composeId: string, options: StartDeploymentOptions) =>
	startDeployment({ type: "compose", id: composeId }, options);

export interface FinishDetails {
	errorMessage?: string;
	errorStage?: ErrorStage;
}

/**
 * Moves a running deployment to done or error and emits success or failed. Returns null when
 * the deployment had already finished (it was cancelled meanwhile): nothing changes then.
 */
export const updateDeploymentStatus = async (
	deploymentId: string,
	status: "done" | "error",
	details: FinishDetails = {},
) => {
	const current = await findDeploymentById(deploymentId);
	const service = await findServiceUnscoped(serviceRefOf(current));
	const logTail = status === "error" ? await readLogTail(current.logPath, LOG_TAIL_LINES) : null;
	return runLifecycleTransaction(async (tx, emit) => {
		const [row] = await tx
			.update(deployment)
			.set({
				status,
				finishedAt: new Date().toISOString(),
				errorMessage: status === "error" ? (details.errorMessage ?? "Deployment failed") : null,
				errorStage: status === "error" ? (details.errorStage ?? "build") : null,
			})
			.where(and(eq(deployment.deploymentId, deploymentId), eq(deployment.status, "running")))
			.returning();
		if (!row) return null;
		const name = status === "done" ? "deployment.success" : "deployment.failed";
		await emit(toLifecycleEvent(name, row, service, { logTail }));
		return row;
	});
};

/**
 * Marks a running deployment cancelled and emits deployment.cancelled. Stopping the build
 * process is the runner's job (deployments/cancel-bus.ts); this records the decision. Returns
 * null when the deployment had already finished.
 */
export const cancelDeployment = async (deploymentId: string, reason: string) => {
	const current = await findDeploymentById(deploymentId);
	const service = await findServiceUnscoped(serviceRefOf(current));
	// A cancellation reports the progress made, as a failure does.
	const logTail = await readLogTail(current.logPath, LOG_TAIL_LINES);
	return runLifecycleTransaction(async (tx, emit) => {
		const [row] = await tx
			.update(deployment)
			.set({ status: "cancelled", cancelReason: reason, finishedAt: new Date().toISOString() })
			.where(and(eq(deployment.deploymentId, deploymentId), eq(deployment.status, "running")))
			.returning();
		if (!row) return null;
		await emit(
			toLifecycleEvent("deployment.cancelled", row, service, { logTail, stageReached: "build" }),
		);
		return row;
	});
};

/**
 * Records a deployment that was cancelled before it started (removed from the queue), so that
 * it shows in the history and its webhooks hear about it.
 */
export const recordCancelledDeployment = async (
	ref: ServiceRef,
	options: StartDeploymentOptions & { reason: string },
) => {
	const service = await findServiceUnscoped(ref);
	return runLifecycleTransaction(async (tx, emit) => {
		const base = newDeploymentRow(service, options);
		await forgetRequest(tx, options.deploymentId);
		const [row] = await tx
			.insert(deployment)
			.values({
				...base,
				status: "cancelled",
				cancelReason: options.reason,
				finishedAt: base.startedAt,
			})
			.returning();
		await emit(
			toLifecycleEvent("deployment.cancelled", row!, service, {
				logTail: "",
				stageReached: "queued",
			}),
		);
		return row!;
	});
};

/** Remembers a running build's process group, so recovery can stop it if its worker dies. */
export const recordBuildProcess = async (deploymentId: string, buildProcess: BuildProcess) => {
	await getDatabase()
		.update(deployment)
		.set({ buildProcess })
		.where(and(eq(deployment.deploymentId, deploymentId), eq(deployment.status, "running")));
};

export const findDeploymentById = async (deploymentId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(deployment)
		.where(eq(deployment.deploymentId, deploymentId));
	if (!row) throw new NotFoundError("Deployment");
	return row;
};

/** A deployment together with its service, scoped to an organization for API callers. */
export const findDeploymentInOrganization = async (
	deploymentId: string,
	organizationId: string,
) => {
	const row = await findDeploymentById(deploymentId);
	const service = await findService(serviceRefOf(row), organizationId).catch(() => {
		throw new NotFoundError("Deployment");
	});
	return { deployment: row, service };
};

const findDeploymentsByService = (ref: ServiceRef) =>
	getDatabase()
		.select()
		.from(deployment)
		.where(eq(serviceIdColumn(deployment, ref.type), ref.id))
		.orderBy(desc(deployment.startedAt), desc(deployment.createdAt));

export const findDeploymentsByApplication = (applicationId: string) =>
	findDeploymentsByService({ type: "application", id: applicationId });

export const findDeploymentsByCompose = (composeId: string) =>
	findDeploymentsByService({ type: "compose", id: composeId });
