import {
	apiCreateApplication,
	apiFindApplication,
	apiUpdateApplication,
} from "@dokploy/server/db/schema/application";
import { createServiceRouter } from "./service/router";

export const applicationRouter = createServiceRouter("application", {
	create: apiCreateApplication,
	find: apiFindApplication,
	update: apiUpdateApplication,
	idOf: (input) => input.applicationId,
	splitUpdate: ({ applicationId, ...changes }) => ({ id: applicationId, changes }),
});
