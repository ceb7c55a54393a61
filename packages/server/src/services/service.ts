/**
 * Applications and compose services share one shape here (see db/schema/service-columns.ts), so
 * their lookups and CRUD live once, keyed by the service type.
 */
import { and, eq } from "drizzle-orm";
import { type Executor, getDatabase } from "../db/client";
import type { application } from "../db/schema/application";
import type { compose } from "../db/schema/compose";
import { project } from "../db/schema/project";
import type { ServiceFields } from "../db/schema/service-columns";
import { ConflictError, NotFoundError } from "../lib/errors";
import type { ServiceType } from "../lifecycle/types";
import { serviceTables, serviceTypes } from "./service-ref";

export interface ServiceRef {
	type: ServiceType;
	id: string;
}

export interface ServiceRecord extends ServiceFields {
	type: ServiceType;
	id: string;
	projectId: string;
	refreshToken: string;
	createdAt: string;
	description: string | null;
	repository: string | null;
	branch: string | null;
	deploySchedule: string | null;
	project: { projectId: string; name: string; organizationId: string };
}

const label = (type: ServiceType) => (type === "application" ? "Application" : "Compose service");

const toRecord = (
	type: ServiceType,
	row: typeof application.$inferSelect | typeof compose.$inferSelect,
	owner: typeof project.$inferSelect,
): ServiceRecord => {
	const id = "applicationId" in row ? row.applicationId : row.composeId;
	return {
		type,
		id,
		name: row.name,
		appName: row.appName,
		description: row.description,
		projectId: row.projectId,
		sourceType: row.sourceType,
		repository: row.repository,
		branch: row.branch,
		buildCommand: row.buildCommand,
		domains: row.domains,
		refreshToken: row.refreshToken,
		deploySchedule: row.deploySchedule,
		createdAt: row.createdAt,
		project: { projectId: owner.projectId, name: owner.name, organizationId: owner.organizationId },
	};
};

const selectService = async (
	ref: ServiceRef,
	organizationId: string | null,
	executor: Executor,
): Promise<ServiceRecord> => {
	const { table, idColumn } = serviceTables[ref.type];
	const [row] = await executor
		.select({ service: table, project })
		.from(table)
		.innerJoin(project, eq(project.projectId, table.projectId))
		.where(
			and(
				eq(idColumn, ref.id),
				organizationId === null ? undefined : eq(project.organizationId, organizationId),
			),
		)
		.limit(1);
	if (!row) throw new NotFoundError(label(ref.type));
	return toRecord(ref.type, row.service, row.project);
};

/**
 * Finds a service within the caller's organization: another organization's service is reported
 * as not found, never as forbidden. Everything that serves a caller uses this one.
 */
export const findService = (
	ref: ServiceRef,
	organizationId: string,
	executor: Executor = getDatabase(),
) => selectService(ref, organizationId, executor);

/**
 * Finds a service in any organization: for the workers and the lifecycle, which act on ids
 * they took from the database or the queue, never on a caller's input.
 */
export const findServiceUnscoped = (ref: ServiceRef, executor: Executor = getDatabase()) =>
	selectService(ref, null, executor);

export const findServiceByRefreshToken = async (refreshToken: string) => {
	for (const type of serviceTypes) {
		const { table } = serviceTables[type];
		const [row] = await getDatabase()
			.select({ service: table, project })
			.from(table)
			.innerJoin(project, eq(project.projectId, table.projectId))
			.where(eq(table.refreshToken, refreshToken))
			.limit(1);
		if (row) return toRecord(type, row.service, row.project);
	}
	throw new NotFoundError("Deploy hook");
};

export const findServicesByProject = async (type: ServiceType, projectId: string) => {
	const { table } = serviceTables[type];
	const rows = await getDatabase()
		.select({ service: table, project })
		.from(table)
		.innerJoin(project, eq(project.projectId, table.projectId))
		.where(eq(table.projectId, projectId))
		.orderBy(table.createdAt);
	return rows.map((row) => toRecord(type, row.service, row.project));
};

const assertAppNameFree = async (appName: string, except?: ServiceRef) => {
	for (const type of serviceTypes) {
		const { table, idColumn } = serviceTables[type];
		const [row] = await getDatabase()
			.select({ id: idColumn })
			.from(table)
			.where(eq(table.appName, appName))
			.limit(1);
		if (row && !(except?.type === type && except.id === row.id)) {
			throw new ConflictError(`The app name "${appName}" is already in use`);
		}
	}
};

export const createService = async (
	type: ServiceType,
	organizationId: string,
	input: ServiceFields & { projectId: string },
) => {
	const [owner] = await getDatabase()
		.select()
		.from(project)
		.where(and(eq(project.projectId, input.projectId), eq(project.organizationId, organizationId)));
	if (!owner) throw new NotFoundError("Project");
	await assertAppNameFree(input.appName);
	const { table } = serviceTables[type];
	const [row] = await getDatabase().insert(table).values(input).returning();
	return toRecord(type, row!, owner);
};

export const updateService = async (
	ref: ServiceRef,
	organizationId: string,
	changes: Partial<ServiceFields>,
) => {
	await findService(ref, organizationId);
	if (changes.appName) await assertAppNameFree(changes.appName, ref);
	const { table, idColumn } = serviceTables[ref.type];
	await getDatabase().update(table).set(changes).where(eq(idColumn, ref.id));
	return findService(ref, organizationId);
};

export const deleteService = async (ref: ServiceRef, organizationId: string) => {
	const found = await findService(ref, organizationId);
	const { table, idColumn } = serviceTables[ref.type];
	await getDatabase().delete(table).where(eq(idColumn, ref.id));
	return found;
};

/** A fresh deploy-hook token; the old URL stops working at once. */
export const regenerateRefreshToken = async (ref: ServiceRef, organizationId: string) => {
	await findService(ref, organizationId);
	const { nanoid } = await import("nanoid");
	const { table, idColumn } = serviceTables[ref.type];
	await getDatabase()
		.update(table)
		.set({ refreshToken: nanoid(32) })
		.where(eq(idColumn, ref.id));
	return findService(ref, organizationId);
};
