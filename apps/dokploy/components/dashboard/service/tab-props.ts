import type { Role } from "@dokploy/server/auth/membership";
import type { ServiceData, ServiceKey } from "./use-service";

/** What every tab of the service page receives. */
export interface ServiceTabProps extends ServiceKey {
	service: ServiceData;
	role: Role;
	projectId: string;
}
