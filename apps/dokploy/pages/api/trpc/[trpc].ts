import { logger } from "@dokploy/server/lib/logger";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";

export default createNextApiHandler({
	router: appRouter,
	createContext,
	onError: ({ error, path }) => {
		// Expected outcomes (not found, forbidden, bad input) are the caller's business.
		if (error.code === "INTERNAL_SERVER_ERROR") {
			logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
		}
	},
});
