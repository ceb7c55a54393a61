// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are custom templates, whose ${variable} placeholders are the subject under test.
import { describe, expect, it } from "vitest";
import { buildSamplePayload } from "../payload";
import { CustomTemplateError } from "./custom";
import { renderWebhookBody, webhookTemplates } from "./index";
import { renderN8nBody } from "./n8n";
import { renderSlackBody } from "./slack";
import { webhookTemplateTypes } from "./types";

const payload = buildSamplePayload("deployment.failed", "https://dokploy.example.com", {
	now: new Date("2025-03-01T12:00:00.000Z"),
});

describe("webhookTemplates", () => {
	it("registers one template per type, under its own type", () => {
		expect(Object.keys(webhookTemplates).sort()).toEqual([...webhookTemplateTypes].sort());
		for (const type of webhookTemplateTypes) {
			expect(webhookTemplates[type].type).toBe(type);
		}
	});
});

describe("renderWebhookBody", () => {
	it("sends the generic payload as is", () => {
		expect(JSON.parse(renderWebhookBody("generic", payload))).toEqual(payload);
	});

	it("serializes the Slack and n8n renderings exactly once", () => {
		expect(renderWebhookBody("slack", payload)).toBe(JSON.stringify(renderSlackBody(payload)));
		expect(renderWebhookBody("n8n", payload, null)).toBe(JSON.stringify(renderN8nBody(payload)));
	});

	it("renders custom templates into compact JSON text", () => {
		const body = renderWebhookBody(
			"custom",
			payload,
			'{\n  "text": "${applicationName} failed: ${errorMessage}",\n  "seconds": ${duration}\n}',
		);

		expect(body).toBe(
			'{"text":"storefront failed: Build failed: pnpm build exited with code 2","seconds":95}',
		);
	});

	it("refuses the custom type without a template", () => {
		expect(() => renderWebhookBody("custom", payload, null)).toThrowError(
			expect.objectContaining({ code: "CUSTOM_TEMPLATE_MISSING" }),
		);
		expect(() => renderWebhookBody("custom", payload)).toThrowError(CustomTemplateError);
	});
});
