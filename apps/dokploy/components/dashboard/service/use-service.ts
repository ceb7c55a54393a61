/**
 * Applications and compose services have twin routers; these hooks pick the right one so that
 * the service page's components are written once.
 */
import type { serviceFieldsPatchSchema } from "@dokploy/server/db/schema/service-columns";
import type { ServiceType } from "@dokploy/server/lifecycle/types";
import type { z } from "zod";
import { api } from "@/lib/trpc";

export interface ServiceKey {
	serviceType: ServiceType;
	serviceId: string;
}

export const useServiceQuery = ({ serviceType, serviceId }: ServiceKey) => {
	const application = api.application.one.useQuery(
		{ applicationId: serviceId },
		{ enabled: serviceType === "application" },
	);
	const compose = api.compose.one.useQuery(
		{ composeId: serviceId },
		{ enabled: serviceType === "compose" },
	);
	return serviceType === "application" ? application : compose;
};

export type ServiceData = NonNullable<ReturnType<typeof useServiceQuery>["data"]>;

/** Refreshes everything the page shows about this service. */
export const useInvalidateService = ({ serviceType, serviceId }: ServiceKey) => {
	const utils = api.useUtils();
	return () =>
		Promise.all([
			serviceType === "application"
				? utils.application.one.invalidate({ applicationId: serviceId })
				: utils.compose.one.invalidate({ composeId: serviceId }),
			utils.deployment.all.invalidate({ serviceType, serviceId }),
			utils.deployment.queued.invalidate({ serviceType, serviceId }),
		]);
};

interface Mutation<Input, Result> {
	mutateAsync: (input: Input) => Promise<Result>;
	isPending: boolean;
}

type ServiceChanges = z.input<typeof serviceFieldsPatchSchema>;

interface ServiceMutations<Id, Result> {
	update: Mutation<ServiceChanges & Id, Result>;
	deploy: Mutation<Id, unknown>;
	regenerate: Mutation<Id, Result>;
	remove: Mutation<Id, Result>;
}

/** Binds one router's mutations to a service id given under that router's own name. */
const bindToService = <Id extends object, Result>(
	mutations: ServiceMutations<Id, Result>,
	id: Id,
) => ({
	update: (changes: ServiceChanges) => mutations.update.mutateAsync({ ...changes, ...id }),
	deploy: () => mutations.deploy.mutateAsync(id),
	regenerate: () => mutations.regenerate.mutateAsync(id),
	remove: () => mutations.remove.mutateAsync(id),
	pending: {
		update: mutations.update.isPending,
		deploy: mutations.deploy.isPending,
		regenerate: mutations.regenerate.isPending,
		remove: mutations.remove.isPending,
	},
});

/** Both routers' hooks are called on every render, as React requires; one set is used. */
export const useServiceMutations = (
	{ serviceType, serviceId }: ServiceKey,
	handlers: { onError: (error: unknown) => void },
) => {
	const application = {
		update: api.application.update.useMutation(handlers),
		deploy: api.application.deploy.useMutation(handlers),
		regenerate: api.application.regenerateRefreshToken.useMutation(handlers),
		remove: api.application.delete.useMutation(handlers),
	};
	const compose = {
		update: api.compose.update.useMutation(handlers),
		deploy: api.compose.deploy.useMutation(handlers),
		regenerate: api.compose.regenerateRefreshToken.useMutation(handlers),
		remove: api.compose.delete.useMutation(handlers),
	};
	return serviceType === "application"
		? bindToService(application, { applicationId: serviceId })
		: bindToService(compose, { composeId: serviceId });
};
