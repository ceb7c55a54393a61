/**
 * tRPC building blocks. Authorization happens here, once, in middlewares: procedures receive a
 * context whose user and organization are present, and pass `ctx.organizationId` to every
 * service call, so another organization's resources are simply not found.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { CallerContext } from "./context";
import { toTRPCError } from "./errors";

const t = initTRPC.context<CallerContext>().create({
	transformer: superjson,
	errorFormatter: ({ shape, error }) => ({
		...shape,
		data: {
			...shape.data,
			// Field-level messages for forms when the input itself was rejected.
			zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
		},
	}),
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const translateDomainErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok) {
		const translated = toTRPCError(result.error.cause);
		if (translated) throw translated;
	}
	return result;
});

const requireOrganizationMember = t.middleware(({ ctx, next }) => {
	if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
	if (!ctx.organizationId || !ctx.role) {
		throw new TRPCError({ code: "FORBIDDEN", message: "You do not belong to an organization" });
	}
	return next({ ctx: { user: ctx.user, organizationId: ctx.organizationId, role: ctx.role } });
});

const publicProcedure = t.procedure.use(translateDomainErrors);

/** Signed in and a member of an organization. */
export const protectedProcedure = publicProcedure.use(requireOrganizationMember);

/** Owners and admins: everything that changes configuration or membership. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
	if (ctx.role !== "owner" && ctx.role !== "admin") {
		throw new TRPCError({ code: "FORBIDDEN", message: "This needs the owner or admin role" });
	}
	return next();
});

export type ProtectedContext = CallerContext & {
	user: NonNullable<CallerContext["user"]>;
	organizationId: string;
	role: NonNullable<CallerContext["role"]>;
};
