// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are custom templates, whose ${variable} placeholders are the subject under test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deploymentEventNames } from "../../lifecycle/types";
import { buildSamplePayload, type WebhookPayload } from "../payload";
import { renderCustomTemplate, validateCustomTemplate } from "./custom";
import { customTemplateVariables } from "./custom-variables";
import { renderWebhookBody } from "./index";

const variableNames = customTemplateVariables.map(({ name }) => name);

/** Any code point, plus the characters most likely to break JSON or the placeholder scanner. */
const nastyUnit = fc.oneof(
	fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
	fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
	fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
	fc.constantFrom(
		'"',
		"\\",
		"${",
		"}",
		"\u2028",
		"\u2029",
		"🚀",
		"${applicationName}",
		"\\u0024{",
		"`",
	),
);
const nastyString = fc.string({ unit: nastyUnit, maxLength: 24 });

const payloadArb: fc.Arbitrary<WebhookPayload> = fc
	.record({
		event: fc.constantFrom(...deploymentEventNames),
		test: fc.boolean(),
		name: nastyString,
		projectName: nastyString,
		deploymentId: nastyString,
		branch: fc.option(nastyString),
		commit: fc.option(nastyString),
		repository: fc.option(nastyString),
		url: fc.option(nastyString),
		domains: fc.array(nastyString, { maxLength: 3 }),
		duration: fc.option(fc.nat()),
		triggeredBy: nastyString,
		errorMessage: nastyString,
		logs: nastyString,
		reason: fc.option(nastyString),
	})
	.map((v) => {
		const payload = buildSamplePayload(v.event, "https://dokploy.example.com");
		if (!v.test) delete payload.test;
		payload.application = { ...payload.application, name: v.name, url: v.url, domains: v.domains };
		payload.project.name = v.projectName;
		payload.deployment.id = v.deploymentId;
		payload.deployment.duration = v.duration;
		payload.source = {
			...payload.source,
			branch: v.branch,
			commit: v.commit,
			repository: v.repository,
		};
		payload.trigger = {
			...payload.trigger,
			triggeredBy: "user",
			user: { id: v.triggeredBy, email: v.triggeredBy },
		};
		if (payload.error) payload.error = { ...payload.error, message: v.errorMessage, logs: v.logs };
		if (payload.cancellation) {
			payload.cancellation = { ...payload.cancellation, reason: v.reason, logs: v.logs };
		}
		return payload;
	});

const placeholder = fc.constantFrom(...variableNames).map((name) => `\${${name}}`);
const whitespace = fc.constantFrom("", " ", "\n", "\t", "\r\n  ");
// Literal text is JSON-escaped, with "$" written as \u0024 so it can never open a placeholder.
const literalText = nastyString.map((s) =>
	JSON.stringify(s).slice(1, -1).replaceAll("$", "\\u0024"),
);
const stringTemplate = fc
	.array(fc.oneof(literalText, placeholder), { maxLength: 5 })
	.map((parts) => `"${parts.join("")}"`);
const padded = (inner: fc.Arbitrary<string>) =>
	fc.tuple(whitespace, inner, whitespace).map(([before, text, after]) => before + text + after);

/** An arbitrary JSON structure with placeholders both inside strings and as whole values. */
const { template: templateArb } = fc.letrec<{ template: string; array: string; object: string }>(
	(tie) => ({
		template: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			placeholder,
			stringTemplate,
			fc.constantFrom("true", "false", "null", "0", "-1.5e3", "42"),
			tie("array"),
			tie("object"),
		),
		array: fc
			.array(padded(tie("template")), { maxLength: 4 })
			.map((items) => `[${items.join(",")}]`),
		object: fc
			.array(fc.tuple(padded(stringTemplate), padded(tie("template"))), { maxLength: 4 })
			.map((entries) => `{${entries.map(([key, value]) => `${key}:${value}`).join(",")}}`),
	}),
);

describe("custom templates (property)", () => {
	it("render valid JSON for every generated template and any payload values", () => {
		fc.assert(
			fc.property(padded(templateArb), payloadArb, (template, payload) => {
				expect(validateCustomTemplate(template)).toEqual({ ok: true });

				const body = renderWebhookBody("custom", payload, template);

				expect(() => JSON.parse(body)).not.toThrow();
			}),
			{ numRuns: 500 },
		);
	});

	it("insert string values exactly when a placeholder is a whole string", () => {
		fc.assert(
			fc.property(payloadArb, (payload) => {
				const rendered = renderCustomTemplate(
					'["${applicationName}", "${projectName}", "${errorMessage}", "${branch}"]',
					payload,
				);

				expect(rendered).toEqual([
					payload.application.name,
					payload.project.name,
					payload.error?.message ?? "",
					payload.source.branch ?? "",
				]);
			}),
		);
	});

	it("render valid JSON for any accepted template, even arbitrary text", () => {
		const fragment = fc.constantFrom(
			...'{}[],:" \\0-1e.'.split(""),
			"true",
			"null",
			"\\u00",
			"\\u0024",
			"${",
			"}",
			...variableNames.map((name) => `\${${name}}`),
		);
		let accepted = 0;
		fc.assert(
			fc.property(fc.string({ unit: fragment, maxLength: 12 }), payloadArb, (template, payload) => {
				if (!validateCustomTemplate(template).ok) return;
				accepted++;

				expect(() => JSON.parse(renderWebhookBody("custom", payload, template))).not.toThrow();
			}),
			{ numRuns: 3000 },
		);
		// Guards the generator: most random text is refused, but enough must get through.
		expect(accepted).toBeGreaterThan(20);
	});
});
