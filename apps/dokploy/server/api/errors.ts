/**
 * The one place where domain errors become tRPC errors. Services throw NotFoundError and
 * friends (packages/server/src/lib/errors.ts); the router middleware hands them here.
 */
import { TRPCError } from "@trpc/server";

type TRPCCode = TRPCError["code"];

/**
 * Matched by name and code rather than `instanceof`: Next bundles its own copy of
 * @dokploy/server next to the one the workers load, so an error may come from either copy's
 * classes.
 */
const domainErrors: Record<string, { code: string; trpc: TRPCCode }> = {
	NotFoundError: { code: "NOT_FOUND", trpc: "NOT_FOUND" },
	ValidationError: { code: "VALIDATION", trpc: "BAD_REQUEST" },
	ConflictError: { code: "CONFLICT", trpc: "CONFLICT" },
	ForbiddenError: { code: "FORBIDDEN", trpc: "FORBIDDEN" },
};

export const toTRPCError = (error: unknown): TRPCError | null => {
	if (!(error instanceof Error)) return null;
	const known = domainErrors[error.name];
	if (!known || !("code" in error) || error.code !== known.code) return null;
	return new TRPCError({ code: known.trpc, message: error.message, cause: error });
};
