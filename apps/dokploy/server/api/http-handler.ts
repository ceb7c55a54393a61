/**
 * The HTTP entry of a tRPC router (pages/api/trpc/[trpc].ts mounts the app's). Expected
 * outcomes (not found, forbidden, bad input) are the caller's business; an unexpected error is
 * logged once, under the error id its answer carries (see unexpected-errors.ts).
 */
import { logger } from "@dokploy/server/lib/logger";
import type { AnyRouter } from "@trpc/server";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import { type CreateContext, createContext } from "./context";
import { describeForLog, errorIdOf, isUnexpected } from "./unexpected-errors";

/** Seconds until a rate-limited caller may retry, carried by the error's cause. */
const retryAfterOf = (error: { cause?: unknown }) => {
	const seconds = (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
	return typeof seconds === "number" ? seconds : null;
};

/** Next's own body parser (turned off for tRPC) stopped at 1 MB; so does tRPC's reader. */
const MAX_BODY_BYTES = 1024 * 1024;

export const createApiHandler = (router: AnyRouter, context: CreateContext = createContext) =>
	createNextApiHandler({
		router,
		createContext: context,
		maxBodySize: MAX_BODY_BYTES,
		responseMeta: ({ errors }) => {
			const retryAfter = errors.map(retryAfterOf).find((seconds) => seconds !== null);
			return retryAfter ? { headers: new Headers({ "retry-after": String(retryAfter) }) } : {};
		},
		onError: ({ error, path, type }) => {
			if (!isUnexpected(error)) return;
			logger.error(
				{ errorId: errorIdOf(error), path, type, error: describeForLog(error.cause ?? error) },
				"tRPC procedure failed",
			);
		},
	});
