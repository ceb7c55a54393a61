import type { ServiceFields } from "../db/schema/service-columns";
import {
	createService,
	deleteService,
	findService,
	findServicesByProject,
	updateService,
} from "./service";

export const createCompose = (
	organizationId: string,
	input: ServiceFields & { projectId: string },
) => createService("compose", organizationId, input);

export const findComposeById = (composeId: string, organizationId: string) =>
	findService({ type: "compose", id: composeId }, organizationId);

export const findComposesByProject = (projectId: string) =>
	findServicesByProject("compose", projectId);

export const updateCompose = (
	composeId: string,
	organizationId: string,
	changes: Partial<ServiceFields>,
) => updateService({ type: "compose", id: composeId }, organizationId, changes);

export const deleteCompose = (composeId: string, organizationId: string) =>
	deleteService({ type: "compose", id: composeId }, organizationId);
