import {
	apiCreateCompose,
	apiFindCompose,
	apiUpdateCompose,
} from "@dokploy/server/db/schema/compose";
import { createServiceRouter } from "./service/router";

// Alike by shape only with applicationRouter: the procedures are shared, this is their settings.
export const composeRouter = createServiceRouter("compose", {
	create: apiCreateCompose,
	find: apiFindCompose,
	update: apiUpdateCompose,
	idOf: (input) => input.composeId,
	splitUpdate: ({ composeId, ...changes }) => ({ id: composeId, changes }),
});
