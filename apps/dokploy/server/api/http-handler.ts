/**
 * The HTTP entry of a tRPC router (pages/api/trpc/[trpc].ts mounts the app's). Expected
 * outcomes (not found, forbidden, bad input) are the caller's business; an unexpected error is
 * logged once, under the error id its answer carries (see unexpected-errors.ts).
 */
import { logger } from "@dokploy/server/lib/logger";
import type { AnyRouter } from "@trpc/server";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import { createContext } from "./context";
import { describeForLog, errorIdOf, isUnexpected } from "./unexpected-errors";

export const createApiHandler = (router: AnyRouter) =>
	createNextApiHandler({
		router,
		createContext,
		onError: ({ error, path, type }) => {
			if (!isUnexpected(error)) return;
			logger.error(
				{ errorId: errorIdOf(error), path, type, error: describeForLog(error.cause ?? error) },
				"tRPC procedure failed",
			);
		},
	});
