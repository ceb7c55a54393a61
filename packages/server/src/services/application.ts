import type { ServiceFields } from "../db/schema/service-columns";
import {
	createService,
	deleteService,
	findService,
	findServicesByProject,
	updateService,
} from "./service";

export const createApplication = (
	organizationId: string,
	input: ServiceFields & { projectId: string },
) => createService("application", organizationId, input);

export const findApplicationById = (applicationId: string, organizationId: string) =>
	findService({ type: "application", id: applicationId }, organizationId);

export const findApplicationsByProject = (projectId: string) =>
	findServicesByProject("application", projectId);

export const updateApplication = (
	applicationId: string,
	organizationId: string,
	changes: Partial<ServiceFields>,
) => updateService({ type: "application", id: applicationId }, organizationId, changes);

export const deleteApplication = (applicationId: string, organizationId: string) =>
	deleteService({ type: "application", id: applicationId }, organizationId);
