import { describe, expect, it } from "vitest";
import {
	type DeploymentLifecycleEvent,
	deploymentEventNames,
	type LifecycleService,
} from "../lifecycle/types";
import {
	buildSampleLifecycleEvent,
	buildSamplePayload,
	buildWebhookPayload,
	computeDurationSeconds,
	shortenCommit,
	takeLastLines,
} from "./payload";

const baseUrl = "https://dokploy.example.com";
const now = new Date("2025-03-01T12:00:00.000Z");

const eventFor = (
	name: DeploymentLifecycleEvent["name"],
	change: (event: DeploymentLifecycleEvent) => void = () => {},
) => {
	const event = buildSampleLifecycleEvent(name, { now });
	change(event);
	return event;
};

describe("buildWebhookPayload", () => {
	it("maps a successful deployment field for field onto the generic JSON", () => {
		const payload = buildWebhookPayload(eventFor("deployment.success"), { baseUrl });

		expect(payload).toEqual({
			event: "deployment.success",
			timestamp: "2025-03-01T12:00:00.000Z",
			deployment: {
				id: "dep_sample_0001",
				status: "done",
				startedAt: "2025-03-01T11:58:25.000Z",
				finishedAt: "2025-03-01T12:00:00.000Z",
				duration: 95,
			},
			application: {
				id: "app_sample_storefront",
				name: "storefront",
				type: "application",
				url: "https://shop.example.com",
				domains: ["shop.example.com", "www.shop.example.com"],
			},
			project: { id: "prj_sample_acme", name: "Acme Shop" },
			source: {
				type: "github",
				branch: "main",
				commit: "9f3c2a7e51b04d8c6a1f2e3d4c5b6a7980f1e2d3",
				repository: "acme/storefront",
			},
			trigger: { type: "webhook", triggeredBy: "system", user: null },
			links: {
				dashboard:
					"https://dokploy.example.com/dashboard/project/prj_sample_acme/services/application/app_sample_storefront",
				logs: "https://dokploy.example.com/dashboard/project/prj_sample_acme/services/application/app_sample_storefront?tab=deployments&deploymentId=dep_sample_0001",
			},
		});
	});

	it("reports a null duration and finishedAt while the deployment is running", () => {
		const payload = buildWebhookPayload(eventFor("deployment.started"), { baseUrl });

		expect(payload.deployment).toMatchObject({
			status: "running",
			finishedAt: null,
			duration: null,
		});
		expect(payload).not.toHaveProperty("error");
		expect(payload).not.toHaveProperty("cancellation");
		expect(payload).not.toHaveProperty("test");
	});

	it("adds the error with only the last 50 log lines on deployment.failed", () => {
		const tail = Array.from({ length: 80 }, (_, index) => `line ${index + 1}`).join("\n");
		const event = eventFor("deployment.failed", (e) => {
			e.logTail = `${tail}\n`;
		});

		const payload = buildWebhookPayload(event, { baseUrl });

		const lines = payload.error?.logs.split("\n") ?? [];
		expect(lines).toHaveLength(50);
		expect(lines[0]).toBe("line 31");
		expect(lines.at(-1)).toBe("line 80");
		expect(payload.error).toMatchObject({
			message: "Build failed: pnpm build exited with code 2",
			stage: "build",
		});
		expect(payload).not.toHaveProperty("cancellation");
	});

	it("gives a failure without message or log a readable message and empty logs", () => {
		const event = eventFor("deployment.failed", (e) => {
			e.deployment.errorMessage = null;
			e.deployment.errorStage = null;
			e.logTail = null;
		});

		expect(buildWebhookPayload(event, { baseUrl }).error).toEqual({
			message: "Deployment failed without an error message",
			stage: null,
			logs: "",
		});
	});

	it("adds the cancellation reason, null when none was given, only on deployment.cancelled", () => {
		const withReason = buildWebhookPayload(eventFor("deployment.cancelled"), { baseUrl });
		const withoutReason = buildWebhookPayload(
			eventFor("deployment.cancelled", (e) => {
				e.deployment.cancelReason = null;
			}),
			{ baseUrl },
		);

		expect(withReason.cancellation?.reason).toBe("Cancelled from the dashboard");
		expect(withoutReason.cancellation?.reason).toBeNull();
		expect(withReason).not.toHaveProperty("error");
	});

	it("reports the stage a cancellation reached and its last 50 log lines, as a failure does", () => {
		const tail = Array.from({ length: 70 }, (_, index) => `line ${index + 1}`).join("\n");
		const event = eventFor("deployment.cancelled", (e) => {
			e.logTail = tail;
			e.stageReached = "build";
		});

		const { cancellation } = buildWebhookPayload(event, { baseUrl });

		expect(cancellation?.stage).toBe("build");
		const lines = cancellation?.logs.split("\n") ?? [];
		expect(lines).toHaveLength(50);
		expect(lines[0]).toBe("line 21");
		expect(lines.at(-1)).toBe("line 70");
	});

	it("reports a deployment cancelled in the queue as stage queued with an empty log", () => {
		const event = eventFor("deployment.cancelled", (e) => {
			e.logTail = null;
			e.stageReached = "queued";
		});

		expect(buildWebhookPayload(event, { baseUrl }).cancellation).toEqual({
			reason: "Cancelled from the dashboard",
			stage: "queued",
			logs: "",
		});
	});

	it('sends triggeredBy "user" with the user\'s id and email in trigger.user for manual deployments', () => {
		const event = eventFor("deployment.success", (e) => {
			e.deployment.triggerType = "manual";
			e.deployment.triggeredBy = "usr_42";
		});

		const payload = buildWebhookPayload(event, { baseUrl, triggerUserEmail: "ada@example.com" });

		expect(payload.trigger).toEqual({
			type: "manual",
			triggeredBy: "user",
			user: { id: "usr_42", email: "ada@example.com" },
		});
	});

	it('sends triggeredBy "system" and no user for deploy hooks and schedules', () => {
		const event = eventFor("deployment.success", (e) => {
			e.deployment.triggerType = "schedule";
		});

		const payload = buildWebhookPayload(event, {
			baseUrl,
			triggerUserEmail: "ignored@example.com",
		});

		expect(payload.trigger).toEqual({ type: "schedule", triggeredBy: "system", user: null });
	});

	it("marks test sends with test: true", () => {
		const payload = buildWebhookPayload(eventFor("deployment.success"), { baseUrl, test: true });

		expect(payload.test).toBe(true);
	});

	it("has a null application URL when the service has no domain", () => {
		const event = eventFor("deployment.success", (e) => {
			e.service = { ...e.service, domains: [] };
		});

		const payload = buildWebhookPayload(event, { baseUrl });

		expect(payload.application).toMatchObject({ url: null, domains: [] });
	});

	it("builds compose links from an origin with trailing slashes, encoding the ids", () => {
		const event = eventFor("deployment.started", (e) => {
			e.service = { ...e.service, type: "compose", id: "cmp/1", project: { id: "p 1", name: "P" } };
			e.deployment.deploymentId = "d&1";
		});

		const { links } = buildWebhookPayload(event, { baseUrl: "https://dokploy.example.com//" });

		expect(links.dashboard).toBe(
			"https://dokploy.example.com/dashboard/project/p%201/services/compose/cmp%2F1",
		);
		expect(links.logs).toBe(`${links.dashboard}?tab=deployments&deploymentId=d%261`);
	});

	it("copies the domain list so later changes to the event do not leak into the payload", () => {
		const event = eventFor("deployment.success");
		const payload = buildWebhookPayload(event, { baseUrl });

		event.service.domains.push("late.example.com");

		expect(payload.application.domains).toEqual(["shop.example.com", "www.shop.example.com"]);
	});
});

describe("computeDurationSeconds", () => {
	it("rounds to whole seconds", () => {
		expect(computeDurationSeconds("2025-01-01T00:00:00.000Z", "2025-01-01T00:01:01.600Z")).toBe(62);
	});

	it("is null while running, for unparseable dates and for a finish before the start", () => {
		expect(computeDurationSeconds("2025-01-01T00:00:00Z", null)).toBeNull();
		expect(computeDurationSeconds("not a date", "2025-01-01T00:00:00Z")).toBeNull();
		expect(computeDurationSeconds("2025-01-01T00:00:10Z", "2025-01-01T00:00:00Z")).toBeNull();
	});
});

describe("takeLastLines", () => {
	it("keeps the last lines of CRLF text without counting the final newline as a line", () => {
		expect(takeLastLines("a\r\nb\r\nc\r\n", 2)).toBe("b\nc");
	});

	it("returns short text whole", () => {
		expect(takeLastLines("only line", 50)).toBe("only line");
	});
});

describe("shortenCommit", () => {
	it("keeps the first 7 characters and passes null through", () => {
		expect(shortenCommit("9f3c2a7e51b04d8c")).toBe("9f3c2a7");
		expect(shortenCommit(null)).toBeNull();
	});
});

describe("buildSamplePayload", () => {
	it.each(deploymentEventNames)("builds a realistic test payload for %s", (name) => {
		const payload = buildSamplePayload(name, baseUrl, { now });

		expect(payload.event).toBe(name);
		expect(payload.test).toBe(true);
		expect(payload.timestamp).toBe(now.toISOString());
		expect(payload.links.logs.startsWith(`${baseUrl}/dashboard/project/`)).toBe(true);
		expect(payload.deployment.duration).toBe(name === "deployment.started" ? null : 95);
		expect(payload.error !== undefined).toBe(name === "deployment.failed");
		expect(payload.cancellation !== undefined).toBe(name === "deployment.cancelled");
	});

	it("includes a multi-line build log in the failed sample", () => {
		const payload = buildSamplePayload("deployment.failed", baseUrl, { now });

		expect(payload.error?.logs.split("\n").length).toBeGreaterThan(3);
		expect(payload.error?.stage).toBe("build");
	});

	it("describes the given service so a test send shows familiar names", () => {
		const service: LifecycleService = {
			type: "compose",
			id: "cmp_real",
			name: "billing-stack",
			appName: "billing-stack-abc",
			domains: [],
			organizationId: "org_1",
			project: { id: "prj_real", name: "Billing" },
		};

		const payload = buildSamplePayload("deployment.success", baseUrl, { service });

		expect(payload.application).toMatchObject({
			id: "cmp_real",
			name: "billing-stack",
			type: "compose",
		});
		expect(payload.project.name).toBe("Billing");
	});

	it("uses the current time when no clock is given", () => {
		const before = Date.now();
		const payload = buildSamplePayload("deployment.started", baseUrl);

		expect(Date.parse(payload.timestamp)).toBeGreaterThanOrEqual(before);
	});
});
