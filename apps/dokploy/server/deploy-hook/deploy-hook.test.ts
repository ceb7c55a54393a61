/**
 * The deploy-hook route over real HTTP on loopback, with the real database and queue: the
 * Next.js route module is mounted on a plain Node server, which is what Next does with it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { cancelQueuedDeployment, deploymentsQueue } from "@dokploy/server/deployments/queue";
import { sharedRedis } from "@dokploy/server/lib/redis";
import { createProject } from "@dokploy/server/services/project";
import { createService, type ServiceRecord } from "@dokploy/server/services/service";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import deployHook from "../../pages/api/deploy/[refreshToken]";
import { insertOrganization, uniqueSuffix } from "../api/__test__/organizations";

describe("POST /api/deploy/<refreshToken>", () => {
	let server: Server;
	let baseUrl: string;
	let service: ServiceRecord;

	const hook = (token: string, init: RequestInit = { method: "POST" }) =>
		fetch(`${baseUrl}/api/deploy/${token}`, init);

	beforeAll(async () => {
		if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a test database");
		await migrateDatabase();
		const organizationId = await insertOrganization("Hook organization");
		const project = await createProject(organizationId, { name: "Hooks" });
		service = await createService("application", organizationId, {
			projectId: project.projectId,
			name: "Hooked app",
			appName: `hooked-${uniqueSuffix()}`,
			sourceType: "git",
			buildCommand: "echo hooked",
			domains: [],
		});
		server = createServer((req, res) => {
			const token = decodeURIComponent(
				new URL(req.url ?? "/", "http://hook").pathname.split("/").pop() ?? "",
			);
			const request = Object.assign(req, { query: { refreshToken: token } });
			void deployHook(request as unknown as NextApiRequest, res as NextApiResponse);
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		await deploymentsQueue().close();
		sharedRedis().disconnect();
		await closeDatabase();
	});

	it("answers 405 to GET and says which method to use", async () => {
		const response = await hook(service.refreshToken, { method: "GET" });
		expect(response.status).toBe(405);
		expect(response.headers.get("allow")).toBe("POST");
		expect(await response.json()).toEqual({ error: "Use POST to trigger a deployment" });
	});

	it.each([
		["too short", "abc"],
		["a forbidden character", "abcdefghijklmnop$qrs"],
		["too long", "a".repeat(65)],
	])("answers 400 to a token that is %s", async (_why, token) => {
		const response = await hook(encodeURIComponent(token));
		expect(response.status).toBe(400);
		expect((await response.json()).error).toMatch(/Malformed deploy hook token/);
	});

	it("answers 404 to a well-formed token that no service has", async () => {
		const response = await hook("unknown_token_0123456789");
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ error: "No service has this deploy hook" });
	});

	it("answers 400 with the validator's message to an invalid branch", async () => {
		const response = await hook(service.refreshToken, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ branch: "../etc/passwd" }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: "branch: Not a valid branch name" });
	});

	it("answers 400 to an invalid commit and to a body that is not JSON", async () => {
		const badCommit = await hook(service.refreshToken, {
			method: "POST",
			body: JSON.stringify({ commit: "not-a-hash" }),
		});
		expect(badCommit.status).toBe(400);
		expect((await badCommit.json()).error).toMatch(/^commit: /);
		const notJson = await hook(service.refreshToken, { method: "POST", body: "branch=main" });
		expect(notJson.status).toBe(400);
		expect(await notJson.json()).toEqual({ error: "The request body must be JSON" });
	});

	it("answers 202 with the job id and queues a webhook-triggered deployment", async () => {
		const response = await hook(service.refreshToken, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ branch: "release/1.2", commit: "a1b2c3d4", ref: "ignored" }),
		});
		expect(response.status).toBe(202);
		const { jobId } = (await response.json()) as { jobId: string };
		const job = await deploymentsQueue().getJob(jobId);
		expect(job?.data).toMatchObject({
			service: { type: "application", id: service.id },
			trigger: { type: "webhook" },
			branch: "release/1.2",
			commitHash: "a1b2c3d4",
		});
		// Leave no job behind for a worker of another suite.
		const ref = { type: "application" as const, id: service.id };
		await cancelQueuedDeployment(ref, jobId, "test cleanup").catch(() => undefined);
	});

	it("answers 202 to an empty body", async () => {
		const response = await hook(service.refreshToken);
		expect(response.status).toBe(202);
		const { jobId } = (await response.json()) as { jobId: string };
		const ref = { type: "application" as const, id: service.id };
		await cancelQueuedDeployment(ref, jobId, "test cleanup").catch(() => undefined);
	});
});
