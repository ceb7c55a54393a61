// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createTestOrganization, createTestService, waitFor } from "../__test__/fixtures";
import type { Deployment } from "../db/schema/deployment";
import { requestDeploymentCancel } from "../deployments/cancel-bus";
import { cancelQueuedDeployment, enqueueDeployment } from "../deployments/queue";
import type { DeploymentEventName, ServiceType, TriggerType } from "../lifecycle/types";
import { createWebhook } from "./__test__/as-owner";
import { deploy, waitForDeployment } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { useReceiverRoutes } from "./__test__/routes";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

interface Case {
	type: ServiceType;
	domains: string[];
	/** A manual deployment is made by the organization's (real) user; the others by "system". */
	trigger: TriggerType;
	branch?: string;
	commitHash?: string;
}

const cases: Case[] = [
	{
		type: "application",
		domains: ["shop.example.com", "www.shop.example.com"],
		trigger: "manual",
	},
	{
		type: "compose",
		domains: [],
		trigger: "webhook",
		branch: "release",
		commitHash: "9f3c2a7e51b04d8c6a1f2e3d4c5b6a7980f1e2d3",
	},
];

const statusOf: Record<DeploymentEventName, string> = {
	"deployment.started": "running",
	"deployment.success": "done",
	"deployment.failed": "error",
	"deployment.cancelled": "cancelled",
};

/** Waits until the running build has written `line` to its log, so a cancel finds it there. */
const waitForLogLine = async (deploymentId: string, line: string) => {
	const row = await waitForDeployment(deploymentId, "running");
	await waitFor(
		() => readFile(row.logPath, "utf8").catch(() => ""),
		(text) => text.includes(line),
		{ what: `"${line}" in the log of ${deploymentId}` },
	);
};

const lastLines = (text: string, count: number) =>
	text.replace(/\n$/, "").split("\n").slice(-count).join("\n");

describe.each(cases)("the generic payload for a $type", (c) => {
	/** A service of this case's type, a webhook on it, and a deployment already queued. */
	const deployWithWebhook = async (buildCommand: string, events: DeploymentEventName[]) => {
		const target = route();
		const { organizationId, userId } = await createTestOrganization();
		const { service, project, ref } = await createTestService(c.type, {
			buildCommand,
			domains: c.domains,
			organizationId,
		});
		const manual = c.trigger === "manual";
		const owner = c.type === "application" ? { applicationId: ref.id } : { composeId: ref.id };
		await createWebhook({ ...owner, name: "Payloads", url: target.url, events });
		const { jobId } = await enqueueDeployment(ref, {
			trigger: { type: c.trigger, ...(manual ? { triggeredBy: userId } : {}) },
			branch: c.branch ?? null,
			commitHash: c.commitHash ?? null,
		});
		/** The PRD's generic JSON for `event`, as it must look for this deployment. */
		const expected = (event: DeploymentEventName, row: Deployment) => {
			const finished = event !== "deployment.started";
			const dashboard = `https://dokploy.test/dashboard/project/${project.projectId}/services/${c.type}/${service.id}`;
			return {
				event,
				timestamp: finished ? row.finishedAt : row.startedAt,
				deployment: {
					id: jobId,
					status: statusOf[event],
					startedAt: row.startedAt,
					finishedAt: finished ? row.finishedAt : null,
					duration: finished
						? Math.round((Date.parse(row.finishedAt!) - Date.parse(row.startedAt)) / 1000)
						: null,
				},
				application: {
					id: service.id,
					name: service.name,
					type: c.type,
					url: c.domains[0] ? `https://${c.domains[0]}` : null,
					domains: c.domains,
				},
				project: { id: project.projectId, name: project.name },
				source: {
					type: "github",
					branch: c.branch ?? "main",
					commit: c.commitHash ?? null,
					repository: "acme/web",
				},
				trigger: manual
					? {
							type: "manual",
							triggeredBy: "user",
							user: { id: userId, email: `${userId}@test.local` },
						}
					: { type: c.trigger, triggeredBy: "system", user: null },
				links: { dashboard, logs: `${dashboard}?tab=deployments&deploymentId=${jobId}` },
			};
		};
		const received = async (count: number) =>
			new Map(
				(await target.waitForRequests(count)).map((request) => {
					const body = JSON.parse(request.body);
					return [body.event as DeploymentEventName, body];
				}),
			);
		return { deploymentId: jobId, expected, received, target };
	};

	it("sends deployment.started and deployment.success field for field", async () => {
		const run = await deployWithWebhook("echo building", [
			"deployment.started",
			"deployment.success",
		]);
		const row = await waitForDeployment(run.deploymentId, "done");
		const bodies = await run.received(2);
		expect(bodies.get("deployment.started")).toStrictEqual(run.expected("deployment.started", row));
		expect(bodies.get("deployment.success")).toStrictEqual(run.expected("deployment.success", row));
	});

	it("sends deployment.failed with the error message, its stage and the last 50 log lines", async () => {
		const run = await deployWithWebhook("for i in $(seq 1 80); do echo line-$i; done; exit 3", [
			"deployment.failed",
		]);
		const row = await waitForDeployment(run.deploymentId, "error");
		const body = (await run.received(1)).get("deployment.failed");
		const logs = lastLines(readFileSync(row.logPath, "utf8"), 50);
		expect(body).toStrictEqual({
			...run.expected("deployment.failed", row),
			error: { message: "Build failed: the command exited with code 3.", stage: "build", logs },
		});
		expect(body.error.logs.split("\n")).toHaveLength(50);
		expect(body.error.logs).toContain("line-80");
		expect(body.error.logs).not.toContain("line-20\n");
	});

	it("sends deployment.cancelled with the reason, the stage reached and the last log lines", async () => {
		const run = await deployWithWebhook("echo compiling-assets; sleep 30", [
			"deployment.started",
			"deployment.cancelled",
		]);
		await run.received(1);
		await waitForLogLine(run.deploymentId, "compiling-assets");
		await requestDeploymentCancel(run.deploymentId, "Superseded by a newer commit");
		const row = await waitForDeployment(run.deploymentId, "cancelled");
		const body = (await run.received(2)).get("deployment.cancelled");
		expect(body).toStrictEqual({
			...run.expected("deployment.cancelled", row),
			cancellation: {
				reason: "Superseded by a newer commit",
				stage: "build",
				logs: expect.stringContaining("compiling-assets"),
			},
		});
	});
});

describe("a deployment cancelled before it started", () => {
	it("sends deployment.cancelled with stage queued and an empty log", async () => {
		const target = route();
		const { ref } = await createTestService("application", { buildCommand: "sleep 30" });
		await createWebhook({
			applicationId: ref.id,
			name: "Queue",
			url: target.url,
			events: ["deployment.cancelled"],
		});
		const running = await deploy(ref);
		await waitForDeployment(running, "running");
		const queued = await deploy(ref);
		await cancelQueuedDeployment(ref, queued, "Not needed");
		await requestDeploymentCancel(running, "Tidying up");

		const bodies = (await target.waitForRequests(2)).map((request) => JSON.parse(request.body));
		const fromQueue = bodies.find((body) => body.deployment.id === queued);
		expect(fromQueue.cancellation).toEqual({ reason: "Not needed", stage: "queued", logs: "" });
	});
});
