/**
 * Lookups for getServerSideProps: a page about a resource of another organization (or of none)
 * answers 404, exactly like the API.
 */
import { findProjectById } from "@dokploy/server/services/project";
import { findService } from "@dokploy/server/services/service";
import type { SignedInCaller } from "./page-props";

const isNotFound = (error: unknown) => error instanceof Error && error.name === "NotFoundError";

const orNull = async <T>(lookup: () => Promise<T>): Promise<T | null> => {
	try {
		return await lookup();
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
};

const asId = (value: string | string[] | undefined) =>
	typeof value === "string" && value.length > 0 && value.length <= 64 ? value : null;

export const findOwnedProject = (
	caller: SignedInCaller,
	projectId: string | string[] | undefined,
) => {
	const id = asId(projectId);
	return id ? orNull(() => findProjectById(id, caller.organizationId)) : Promise.resolve(null);
};

export const findOwnedService = (
	caller: SignedInCaller,
	serviceType: string | string[] | undefined,
	serviceId: string | string[] | undefined,
) => {
	const id = asId(serviceId);
	if (!id || (serviceType !== "application" && serviceType !== "compose")) {
		return Promise.resolve(null);
	}
	return orNull(() => findService({ type: serviceType, id }, caller.organizationId));
};
