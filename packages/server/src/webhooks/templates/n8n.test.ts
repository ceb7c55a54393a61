import { describe, expect, it } from "vitest";
import { deploymentEventNames } from "../../lifecycle/types";
import { buildSampleLifecycleEvent, buildSamplePayload, buildWebhookPayload } from "../payload";
import { n8nTemplate, renderN8nBody } from "./n8n";

const baseUrl = "https://dokploy.example.com";
const now = new Date("2025-03-01T12:00:00.000Z");

describe("renderN8nBody", () => {
	it("flattens a successful deployment into camelCase scalars", () => {
		const payload = buildWebhookPayload(buildSampleLifecycleEvent("deployment.success", { now }), {
			baseUrl,
		});

		const { data, ...flat } = renderN8nBody(payload);

		expect(flat).toEqual({
			event: "deployment.success",
			status: "done",
			isTest: false,
			timestamp: "2025-03-01T12:00:00.000Z",
			deploymentId: "dep_sample_0001",
			startedAt: "2025-03-01T11:58:25.000Z",
			finishedAt: "2025-03-01T12:00:00.000Z",
			durationSeconds: 95,
			applicationId: "app_sample_storefront",
			applicationName: "storefront",
			applicationType: "application",
			applicationUrl: "https://shop.example.com",
			domains: "shop.example.com, www.shop.example.com",
			projectId: "prj_sample_acme",
			projectName: "Acme Shop",
			sourceType: "github",
			repository: "acme/storefront",
			branch: "main",
			commit: "9f3c2a7e51b04d8c6a1f2e3d4c5b6a7980f1e2d3",
			commitShort: "9f3c2a7",
			triggerType: "webhook",
			triggeredBy: "system",
			triggeredByUserId: null,
			triggeredByEmail: null,
			errorMessage: null,
			errorStage: null,
			errorLogs: null,
			cancellationReason: null,
			cancellationStage: null,
			cancellationLogs: null,
			logsUrl: payload.links.logs,
			dashboardUrl: payload.links.dashboard,
		});
		expect(data).toBe(payload);
	});

	it.each(deploymentEventNames)(
		"keeps every top-level value of %s scalar besides data",
		(event) => {
			const { data, ...flat } = renderN8nBody(buildSamplePayload(event, baseUrl, { now }));

			for (const [key, value] of Object.entries(flat)) {
				expect(["string", "number", "boolean"].includes(typeof value) || value === null, key).toBe(
					true,
				);
			}
			expect(data.event).toBe(event);
			expect(flat.isTest).toBe(true);
		},
	);

	it("carries the failure and the cancellation details on their events", () => {
		const failed = renderN8nBody(buildSamplePayload("deployment.failed", baseUrl, { now }));
		const cancelled = renderN8nBody(buildSamplePayload("deployment.cancelled", baseUrl, { now }));

		expect(failed).toMatchObject({
			status: "error",
			errorMessage: "Build failed: pnpm build exited with code 2",
			errorStage: "build",
		});
		expect(failed.errorLogs).toContain("ELIFECYCLE");
		expect(cancelled).toMatchObject({
			status: "cancelled",
			cancellationReason: "Cancelled from the dashboard",
			cancellationStage: "build",
		});
		expect(cancelled.cancellationLogs).toContain("pnpm build");
		expect(cancelled.errorMessage).toBeNull();
	});

	it("passes quotes, backslashes, newlines and emoji through verbatim and JSON-safe", () => {
		const payload = buildSamplePayload("deployment.started", baseUrl, { now });
		payload.application.name = 'say "hi" \\ to\n🚀 ünï\u0000';
		payload.source.commit = null;
		payload.application.domains = [];

		const body = n8nTemplate.render(payload, {});
		const roundTripped = JSON.parse(JSON.stringify(body));

		expect(roundTripped.applicationName).toBe('say "hi" \\ to\n🚀 ünï\u0000');
		expect(roundTripped).toMatchObject({
			commit: null,
			commitShort: null,
			domains: "",
			durationSeconds: null,
		});
	});
});
