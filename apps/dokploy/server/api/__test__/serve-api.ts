/**
 * Mounts a tRPC router's Next API route handler (http-handler.ts, as pages/api/trpc uses it) on
 * a plain Node server on loopback, which is what Next does with it, minus the build.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AnyRouter } from "@trpc/server";
import type { NextApiRequest, NextApiResponse } from "next";
import type { CreateContext } from "../context";
import { createApiHandler } from "../http-handler";

export const serveApi = async (router: AnyRouter, context?: CreateContext) => {
	const handler = createApiHandler(router, context);
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? "/", "http://api").pathname.replace(/^\/api\/trpc\//, "");
		const request = Object.assign(req, { query: { trpc: decodeURIComponent(path) } });
		void handler(request as unknown as NextApiRequest, res as NextApiResponse);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
};
