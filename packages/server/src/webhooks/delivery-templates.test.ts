// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
/** Every template, delivered end to end: the receiver gets exactly the rendered body. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { applicationWebhooks } from "../db/schema/webhook";
import type { CreateWebhookInput } from "../db/schema/webhook-api";
import { updateService } from "../services/service";
import { createWebhook } from "./__test__/as-owner";
import { deliveriesOf, deploy, deployAndFinish } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { useReceiverRoutes } from "./__test__/routes";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

describe("templates delivered as rendered bodies", () => {
	const serviceWithWebhook = async (
		buildCommand: string,
		webhook: Pick<CreateWebhookInput, "templateType" | "customTemplate" | "events">,
	) => {
		const target = route();
		const created = await createTestService("application", {
			buildCommand,
			domains: ["shop.example.com", "www.shop.example.com"],
		});
		const { webhook: saved } = await createWebhook({
			applicationId: created.ref.id,
			name: "T",
			url: target.url,
			...webhook,
		});
		return { ...created, target, webhookId: saved.webhookId };
	};

	it("sends a Slack Block Kit message with the error excerpt for a failed deployment", async () => {
		const { ref, service, project, target } = await serviceWithWebhook(
			"for i in $(seq 1 80); do echo line-$i; done; exit 3",
			{ templateType: "slack", events: ["deployment.failed"] },
		);
		const deploymentId = await deploy(ref);
		const [request] = await target.waitForRequests(1);
		const body = JSON.parse(request!.body);
		expect(body.text).toBe(`❌ Deployment failed: ${service.name} (${project.name})`);
		const [attachment] = body.attachments;
		expect(attachment.color).toBe("#ef4444");
		const blocks = attachment.blocks as Array<{ type: string; elements?: Array<{ url: string }> }>;
		expect(blocks[0]).toMatchObject({
			type: "header",
			text: { text: `❌ Deployment failed: ${service.name}` },
		});
		const text = JSON.stringify(blocks);
		expect(text).toContain("*Error during build*");
		expect(text).toContain("Build failed: the command exited with code 3.");
		expect(text).toContain("line-80");
		const actions = blocks.find((block) => block.type === "actions");
		expect(actions?.elements?.map((button) => button.url)).toEqual([
			expect.stringContaining(`deploymentId=${deploymentId}`),
			"https://shop.example.com",
		]);
	});

	it("sends the flat n8n object with the whole generic payload under data", async () => {
		const { ref, service, project, target } = await serviceWithWebhook("true", {
			templateType: "n8n",
			events: ["deployment.success"],
		});
		const deploymentId = await deploy(ref);
		const [request] = await target.waitForRequests(1);
		const body = JSON.parse(request!.body);
		expect(body).toMatchObject({
			event: "deployment.success",
			status: "done",
			isTest: false,
			deploymentId,
			applicationId: service.id,
			applicationName: service.name,
			projectName: project.name,
			domains: "shop.example.com, www.shop.example.com",
			branch: "main",
			triggeredBy: "user",
			triggeredByUserId: "user-1",
			errorMessage: null,
		});
		expect(body.data).toMatchObject({
			event: "deployment.success",
			deployment: { id: deploymentId },
		});
	});

	it("renders a custom template with escaped names and the domains as an array", async () => {
		const template =
			'{"app": "${applicationName}", "domains": ${domains}, "summary": "${applicationName} on ${domains} (${event})"}';
		const { ref, organizationId, target } = await serviceWithWebhook("true", {
			templateType: "custom",
			customTemplate: template,
			events: ["deployment.success"],
		});
		const name = 'Shop "β" \\ 🚀\nline two';
		await updateService(ref, organizationId, { name });
		await deploy(ref);
		const [request] = await target.waitForRequests(1);
		expect(JSON.parse(request!.body)).toStrictEqual({
			app: name,
			domains: ["shop.example.com", "www.shop.example.com"],
			summary: `${name} on shop.example.com, www.shop.example.com (deployment.success)`,
		});
	});

	it("gives each webhook of a service the body of its own template, custom ones included", async () => {
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const templates: Pick<CreateWebhookInput, "templateType" | "customTemplate">[] = [
			{ templateType: "custom", customTemplate: '{"who": "first", "event": "${event}"}' },
			{ templateType: "custom", customTemplate: '{"who": "second", "event": "${event}"}' },
			{ templateType: "generic" },
			{ templateType: "generic" },
		];
		const targets = templates.map(() => route());
		for (const [index, template] of templates.entries()) {
			await createWebhook({
				applicationId: ref.id,
				name: `W${index}`,
				url: targets[index]!.url,
				events: ["deployment.started"],
				...template,
			});
		}
		const deploymentId = await deploy(ref);
		const bodies = await Promise.all(
			targets.map(async (target) => JSON.parse((await target.waitForRequests(1))[0]!.body)),
		);
		expect(bodies[0]).toStrictEqual({ who: "first", event: "deployment.started" });
		expect(bodies[1]).toStrictEqual({ who: "second", event: "deployment.started" });
		expect(bodies[2].deployment.id).toBe(deploymentId);
		expect(bodies[3]).toStrictEqual(bodies[2]);
	});

	it("logs a failed delivery and sends nothing when a stored custom template no longer renders", async () => {
		const { ref, target, webhookId } = await serviceWithWebhook("true", {
			templateType: "custom",
			customTemplate: '{"app": "${applicationName}"}',
			events: ["deployment.success"],
		});
		// Only possible behind the service's back, e.g. a hand-edited row.
		await getDatabase()
			.update(applicationWebhooks)
			.set({ customTemplate: '{"app": "${nope}"}' })
			.where(eq(applicationWebhooks.webhookId, webhookId));
		expect((await deployAndFinish(ref)).status).toBe("done");
		const [delivery] = await deliveriesOf(webhookId);
		expect(delivery).toMatchObject({ status: "failed", attemptCount: 0, body: "" });
		expect(delivery!.lastError).toMatch(/^The custom template could not be rendered: /);
		expect(target.requests()).toHaveLength(0);
	});
});
