/**
 * Authorization of the real routers on real PostgreSQL: another organization's resources are
 * NOT_FOUND (never FORBIDDEN, which would confirm they exist), members cannot use admin
 * procedures, and nobody unauthenticated gets anything.
 */
import { getAuth } from "@dokploy/server/auth/auth";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { wireLifecycleListeners } from "@dokploy/server/runtime/start-process";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "./__test__/organizations";
import {
	type Caller,
	type SignedUpOwner,
	serviceInput,
	setUpTwoOrganizations,
	type TwoOrganizations,
} from "./__test__/two-organizations";
import { anonymousContext, type CallerContext, createContextFromHeaders } from "./context";
import { createCaller } from "./root";

const expectCode = async (call: () => Promise<unknown>, code: TRPCError["code"]) => {
	const outcome = await call().then(
		(value) => ({ resolved: value }),
		(error: unknown) => ({ rejected: error }),
	);
	if ("resolved" in outcome) {
		throw new Error(
			`expected ${code}, but the call succeeded with ${JSON.stringify(outcome.resolved)}`,
		);
	}
	expect(outcome.rejected).toBeInstanceOf(TRPCError);
	expect((outcome.rejected as TRPCError).code).toBe(code);
};

describe("tRPC authorization", () => {
	let ownerA: SignedUpOwner;
	let a: Caller;
	let b: Caller;
	let memberOfA: Caller;
	let ids: TwoOrganizations["ids"];

	beforeAll(async () => {
		if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a test database");
		await migrateDatabase();
		// Deployments below emit lifecycle events, which need their listeners.
		wireLifecycleListeners();
		({ ownerA, a, b, memberOfA, ids } = await setUpTwoOrganizations());
	});

	afterAll(async () => {
		await closeDatabase();
	});

	describe("the caller context", () => {
		it("resolves a session cookie to the owner's organization and role", () => {
			expect(ownerA.caller.user?.id).toBe(ownerA.userId);
			expect(ownerA.caller.organizationId).toBe(ownerA.organizationId);
			expect(ownerA.caller.role).toBe("owner");
		});

		it("resolves an x-api-key header to the key owner's organization", async () => {
			const created = await getAuth().api.createApiKey({ body: { userId: ownerA.userId } });
			const context = await createContextFromHeaders(new Headers({ "x-api-key": created.key }));
			expect(context.user?.id).toBe(ownerA.userId);
			expect(context.organizationId).toBe(ownerA.organizationId);
			const projects = await createCaller(context).project.all();
			expect(projects.map((project) => project.projectId)).toContain(ids.projectId);
		});

		it("answers an unknown x-api-key with UNAUTHORIZED, not a server error", async () => {
			const refused = await createContextFromHeaders(
				new Headers({ "x-api-key": "not-a-real-key-not-a-real-key" }),
			).catch((error: unknown) => error);
			expect(refused).toBeInstanceOf(TRPCError);
			expect((refused as TRPCError).code).toBe("UNAUTHORIZED");
		});

		it("lets an API key make many calls in a row (no daily cap of 10)", async () => {
			const created = await getAuth().api.createApiKey({ body: { userId: ownerA.userId } });
			const headers = new Headers({ "x-api-key": created.key });
			for (let call = 0; call < 15; call++) {
				const context = await createContextFromHeaders(headers);
				expect(context.user?.id).toBe(ownerA.userId);
			}
		});

		it("treats a request without credentials as anonymous", async () => {
			expect(await createContextFromHeaders(new Headers())).toEqual(anonymousContext());
		});
	});

	it("lets the owning organization read its own resources (the control for the cases below)", async () => {
		expect((await a.project.one({ projectId: ids.projectId })).name).toBe("Project A");
		expect((await a.application.one({ applicationId: ids.applicationId })).id).toBe(
			ids.applicationId,
		);
		expect((await a.compose.one({ composeId: ids.composeId })).id).toBe(ids.composeId);
		expect((await a.deployment.one({ deploymentId: ids.deploymentId })).status).toBe("running");
		expect(
			await a.deployment.all({ serviceType: "application", serviceId: ids.applicationId }),
		).toHaveLength(1);
		expect(await a.deployment.log({ deploymentId: ids.deploymentId, offset: 0 })).toEqual({
			text: "",
			nextOffset: 0,
		});
	});

	describe("another organization gets NOT_FOUND", () => {
		const attempts: Array<[string, (caller: Caller) => Promise<unknown>]> = [
			["project.one", (c) => c.project.one({ projectId: ids.projectId })],
			["project.update", (c) => c.project.update({ projectId: ids.projectId, name: "Taken" })],
			["application.one", (c) => c.application.one({ applicationId: ids.applicationId })],
			["application.byProject", (c) => c.application.byProject({ projectId: ids.projectId })],
			[
				"application.create in the other's project",
				(c) => c.application.create(serviceInput(ids.projectId, "intruder")),
			],
			[
				"application.update",
				(c) => c.application.update({ applicationId: ids.applicationId, name: "Taken" }),
			],
			["application.deploy", (c) => c.application.deploy({ applicationId: ids.applicationId })],
			[
				"application.regenerateRefreshToken",
				(c) => c.application.regenerateRefreshToken({ applicationId: ids.applicationId }),
			],
			["compose.one", (c) => c.compose.one({ composeId: ids.composeId })],
			["compose.byProject", (c) => c.compose.byProject({ projectId: ids.projectId })],
			["compose.update", (c) => c.compose.update({ composeId: ids.composeId, name: "Taken" })],
			["compose.deploy", (c) => c.compose.deploy({ composeId: ids.composeId })],
			[
				"compose.regenerateRefreshToken",
				(c) => c.compose.regenerateRefreshToken({ composeId: ids.composeId }),
			],
			["deployment.one", (c) => c.deployment.one({ deploymentId: ids.deploymentId })],
			[
				"deployment.one (compose)",
				(c) => c.deployment.one({ deploymentId: ids.composeDeploymentId }),
			],
			[
				"deployment.all",
				(c) => c.deployment.all({ serviceType: "application", serviceId: ids.applicationId }),
			],
			[
				"deployment.queued",
				(c) => c.deployment.queued({ serviceType: "compose", serviceId: ids.composeId }),
			],
			[
				"deployment.cancel (running)",
				(c) => c.deployment.cancel({ deploymentId: ids.deploymentId }),
			],
			[
				"deployment.cancel (queued)",
				(c) =>
					c.deployment.cancel({
						serviceType: "application",
						serviceId: ids.applicationId,
						jobId: "any-job",
					}),
			],
			["deployment.log", (c) => c.deployment.log({ deploymentId: ids.deploymentId, offset: 0 })],
			// Destructive attempts last, so that a wrongly allowed one cannot hide the others.
			["project.remove", (c) => c.project.remove({ projectId: ids.projectId })],
			["application.delete", (c) => c.application.delete({ applicationId: ids.applicationId })],
			["compose.delete", (c) => c.compose.delete({ composeId: ids.composeId })],
		];

		it.each(attempts)("%s", async (_name, attempt) => {
			await expectCode(() => attempt(b), "NOT_FOUND");
		});

		it("leaves the resources untouched and does not list them", async () => {
			expect((await a.project.one({ projectId: ids.projectId })).name).toBe("Project A");
			expect((await a.application.one({ applicationId: ids.applicationId })).name).toBe("app-a");
			expect((await a.deployment.one({ deploymentId: ids.deploymentId })).status).toBe("running");
			const projectsOfB = await b.project.all();
			expect(projectsOfB.map((project) => project.projectId)).not.toContain(ids.projectId);
		});
	});

	describe("a member gets FORBIDDEN on admin procedures", () => {
		const adminOnly: Array<[string, (caller: Caller) => Promise<unknown>]> = [
			["project.create", (c) => c.project.create({ name: "Not allowed" })],
			["project.update", (c) => c.project.update({ projectId: ids.projectId, name: "Renamed" })],
			["project.remove", (c) => c.project.remove({ projectId: ids.projectId })],
			[
				"application.create",
				(c) => c.application.create(serviceInput(ids.projectId, "member-app")),
			],
			[
				"application.update",
				(c) => c.application.update({ applicationId: ids.applicationId, name: "Renamed" }),
			],
			["application.delete", (c) => c.application.delete({ applicationId: ids.applicationId })],
			[
				"application.regenerateRefreshToken",
				(c) => c.application.regenerateRefreshToken({ applicationId: ids.applicationId }),
			],
			["compose.create", (c) => c.compose.create(serviceInput(ids.projectId, "member-stack"))],
			["compose.update", (c) => c.compose.update({ composeId: ids.composeId, name: "Renamed" })],
			["compose.delete", (c) => c.compose.delete({ composeId: ids.composeId })],
			[
				"organization.invite",
				(c) =>
					c.organization.invite({
						email: `someone-${uniqueSuffix()}@example.test`,
						role: "member",
					}),
			],
		];

		it.each(adminOnly)("%s", async (_name, attempt) => {
			await expectCode(() => attempt(memberOfA), "FORBIDDEN");
		});

		it("still lets a member read the organization's resources", async () => {
			expect((await memberOfA.project.one({ projectId: ids.projectId })).name).toBe("Project A");
			expect(
				(await memberOfA.deployment.one({ deploymentId: ids.deploymentId })).deploymentId,
			).toBe(ids.deploymentId);
		});

		it("does not show a member the deploy-hook token of any service", async () => {
			const application = await memberOfA.application.one({ applicationId: ids.applicationId });
			const compose = await memberOfA.compose.one({ composeId: ids.composeId });
			const listed = [
				...(await memberOfA.application.byProject({ projectId: ids.projectId })),
				...(await memberOfA.compose.byProject({ projectId: ids.projectId })),
			];
			expect(application.name).toBe("app-a");
			expect(listed.length).toBeGreaterThanOrEqual(2);
			for (const service of [application, compose, ...listed]) {
				expect(service.refreshToken).toBeNull();
			}
		});

		it("shows owners the deploy-hook token (the control for the member case)", async () => {
			const application = await a.application.one({ applicationId: ids.applicationId });
			const [listed] = await a.compose.byProject({ projectId: ids.projectId });
			expect(application.refreshToken).toMatch(/^[\w-]{32}$/);
			expect(listed?.refreshToken).toMatch(/^[\w-]{32}$/);
		});
	});

	describe("without a session", () => {
		const anonymous = () => createCaller(anonymousContext());
		const calls: Array<[string, (caller: Caller) => Promise<unknown>]> = [
			["project.all", (c) => c.project.all()],
			["project.create", (c) => c.project.create({ name: "Anonymous" })],
			["application.one", (c) => c.application.one({ applicationId: ids.applicationId })],
			["application.deploy", (c) => c.application.deploy({ applicationId: ids.applicationId })],
			["deployment.log", (c) => c.deployment.log({ deploymentId: ids.deploymentId, offset: 0 })],
			["organization.members", (c) => c.organization.members()],
		];

		it.each(calls)("%s is UNAUTHORIZED", async (_name, call) => {
			await expectCode(() => call(anonymous()), "UNAUTHORIZED");
		});

		it("a signed-in user without an organization is FORBIDDEN", async () => {
			const homeless: CallerContext = {
				user: { id: "no-such-user", name: "Nobody", email: "nobody@example.test" },
				organizationId: null,
				role: null,
			};
			await expectCode(() => createCaller(homeless).project.all(), "FORBIDDEN");
		});
	});

	describe("domain errors become tRPC errors", () => {
		it("a taken app name is CONFLICT and keeps the service's error as the cause", async () => {
			const taken = await a.application.one({ applicationId: ids.applicationId });
			const error = await a.application
				.create({ ...serviceInput(ids.projectId, "copy"), appName: taken.appName })
				.catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(TRPCError);
			expect((error as TRPCError).code).toBe("CONFLICT");
			expect((error as TRPCError).cause?.name).toBe("ConflictError");
		});

		it("an invalid input is BAD_REQUEST", async () => {
			await expectCode(
				() =>
					a.application.create({ ...serviceInput(ids.projectId, "bad"), appName: "Not Valid!" }),
				"BAD_REQUEST",
			);
		});

		it("inviting an existing member is CONFLICT", async () => {
			const { members } = await a.organization.members();
			await expectCode(
				() => a.organization.invite({ email: members[0]!.email, role: "member" }),
				"CONFLICT",
			);
		});
	});
});
