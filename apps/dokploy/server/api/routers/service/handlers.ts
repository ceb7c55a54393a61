/**
 * Applications and compose services behave the same here, so their routers share these
 * handlers and differ only in their input names. Every handler takes the caller's organization
 * and every service call is scoped to it. After a change the cron schedule is synced, so the
 * scheduler never fires for a deleted service or an old expression.
 */

import type { ServiceFields } from "@dokploy/server/db/schema/service-columns";
import { enqueueDeployment } from "@dokploy/server/deployments/queue";
import { syncDeploySchedule } from "@dokploy/server/deployments/schedule";
import type { ServiceType } from "@dokploy/server/lifecycle/types";
import { findProjectById } from "@dokploy/server/services/project";
import {
	createService,
	deleteService,
	findService,
	findServicesByProject,
	regenerateRefreshToken,
	type ServiceRecord,
	type ServiceRef,
	updateService,
} from "@dokploy/server/services/service";
import { isAdmin } from "@/lib/roles";
import type { ProtectedContext } from "../../trpc";

/**
 * The deploy-hook token lets its holder deploy any branch, which members may not choose: only
 * owners and admins see it (they can also regenerate it).
 */
const visibleTo = (
	ctx: ProtectedContext,
	service: ServiceRecord,
): Omit<ServiceRecord, "refreshToken"> & { refreshToken: string | null } =>
	isAdmin(ctx.role) ? service : { ...service, refreshToken: null };

export const createServiceHandler = async (
	ctx: ProtectedContext,
	type: ServiceType,
	input: ServiceFields & { projectId: string },
) => {
	const created = await createService(type, ctx.organizationId, input);
	// A new service has no scheduler to remove, so only a schedule needs the queue.
	if (created.deploySchedule)
		await syncDeploySchedule({ type, id: created.id }, created.deploySchedule);
	return created;
};

export const findServiceHandler = async (ctx: ProtectedContext, ref: ServiceRef) =>
	visibleTo(ctx, await findService(ref, ctx.organizationId));

export const findServicesByProjectHandler = async (
	ctx: ProtectedContext,
	type: ServiceType,
	projectId: string,
) => {
	await findProjectById(projectId, ctx.organizationId);
	const services = await findServicesByProject(type, projectId);
	return services.map((service) => visibleTo(ctx, service));
};

export const updateServiceHandler = async (
	ctx: ProtectedContext,
	ref: ServiceRef,
	changes: Partial<ServiceFields>,
) => {
	const updated = await updateService(ref, ctx.organizationId, changes);
	await syncDeploySchedule(ref, updated.deploySchedule);
	return updated;
};

export const deleteServiceHandler = async (ctx: ProtectedContext, ref: ServiceRef) => {
	const removed = await deleteService(ref, ctx.organizationId);
	await syncDeploySchedule(ref, null);
	return removed;
};

export const deployServiceHandler = async (ctx: ProtectedContext, ref: ServiceRef) => {
	await findService(ref, ctx.organizationId);
	return enqueueDeployment(ref, { trigger: { type: "manual", triggeredBy: ctx.user.id } });
};

export const regenerateRefreshTokenHandler = (ctx: ProtectedContext, ref: ServiceRef) =>
	regenerateRefreshToken(ref, ctx.organizationId);

/** Deleting a project cascades to its services; their schedules must go with them. */
export const servicesOfProject = async (projectId: string): Promise<ServiceRef[]> => {
	const [applications, composes] = await Promise.all([
		findServicesByProject("application", projectId),
		findServicesByProject("compose", projectId),
	]);
	return [...applications, ...composes].map(({ type, id }) => ({ type, id }));
};

export const unscheduleServices = async (refs: ServiceRef[]) => {
	for (const ref of refs) await syncDeploySchedule(ref, null);
};
