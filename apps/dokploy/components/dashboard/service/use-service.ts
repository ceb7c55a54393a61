/**
 * Applications and compose services have twin routers; these hooks pick the right one so that
 * the service page's components are written once.
 */
import type { ServiceType } from "@dokploy/server/lifecycle/types";
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
	const pick = serviceType === "application" ? application : compose;
	type Changes = Parameters<typeof application.update.mutateAsync>[0];
	return {
		update: (changes: Omit<Changes, "applicationId">) =>
			serviceType === "application"
				? application.update.mutateAsync({ ...changes, applicationId: serviceId })
				: compose.update.mutateAsync({ ...changes, composeId: serviceId }),
		deploy: () =>
			serviceType === "application"
				? application.deploy.mutateAsync({ applicationId: serviceId })
				: compose.deploy.mutateAsync({ composeId: serviceId }),
		regenerate: () =>
			serviceType === "application"
				? application.regenerate.mutateAsync({ applicationId: serviceId })
				: compose.regenerate.mutateAsync({ composeId: serviceId }),
		remove: () =>
			serviceType === "application"
				? application.remove.mutateAsync({ applicationId: serviceId })
				: compose.remove.mutateAsync({ composeId: serviceId }),
		pending: {
			update: pick.update.isPending,
			deploy: pick.deploy.isPending,
			regenerate: pick.regenerate.isPending,
			remove: pick.remove.isPending,
		},
	};
};
