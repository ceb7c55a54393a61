/**
 * The typed tRPC client for React components. Only the router's type crosses into the
 * browser bundle.
 */
import { httpBatchLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const api = createTRPCReact<AppRouter>();

export const createTrpcClient = () =>
	api.createClient({
		links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
	});

export type RouterOutputs = inferRouterOutputs<AppRouter>;
