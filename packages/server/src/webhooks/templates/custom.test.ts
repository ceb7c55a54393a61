// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are custom templates, whose ${variable} placeholders are the subject under test.
import { describe, expect, it } from "vitest";
import { deploymentEventNames } from "../../lifecycle/types";
import { buildSamplePayload, type WebhookPayload } from "../payload";
import {
	CUSTOM_TEMPLATE_MAX_BYTES,
	CustomTemplateError,
	customTemplate,
	renderCustomTemplate,
	validateCustomTemplate,
} from "./custom";
import { customTemplateVariables } from "./custom-variables";

const baseUrl = "https://dokploy.example.com";
const now = new Date("2025-03-01T12:00:00.000Z");
const sample = (event: WebhookPayload["event"], change: (p: WebhookPayload) => void = () => {}) => {
	const payload = buildSamplePayload(event, baseUrl, { now });
	change(payload);
	return payload;
};

const everyVariableTemplate = JSON.stringify(
	Object.fromEntries(
		customTemplateVariables.flatMap(({ name }) => [
			[`${name}AsText`, `<\${${name}}>`],
			[`${name}AsValue`, `@@${name}@@`],
		]),
	),
).replace(/"@@(\w+)@@"/g, (_, name) => `\${${name}}`);

const prdTemplate = `{
	"text": "Deployment \${status} for \${applicationName} (\${projectName})",
	"app": {"id": "\${applicationId}", "type": "\${applicationType}", "url": "\${applicationUrl}", "domains": \${domains}},
	"deployment": {"id": "\${deploymentId}", "branch": "\${branch}", "commit": "\${commitHash}", "repo": "\${repository}",
		"startedAt": "\${startedAt}", "finishedAt": \${finishedAt}, "seconds": \${duration}},
	"error": {"message": \${errorMessage}, "stage": "\${failedStage}"},
	"logs": "\${logsUrl}", "by": "\${triggeredBy}", "event": "\${event}", "at": "\${timestamp}"
}`;

describe("renderCustomTemplate", () => {
	it.each(deploymentEventNames)("renders every variable for %s as text and as a value", (event) => {
		const payload = sample(event);
		const rendered = renderCustomTemplate(everyVariableTemplate, payload) as Record<
			string,
			unknown
		>;

		expect(rendered.eventAsText).toBe(`<${event}>`);
		expect(rendered.applicationNameAsValue).toBe("storefront");
		expect(rendered.domainsAsValue).toEqual(["shop.example.com", "www.shop.example.com"]);
		expect(rendered.domainsAsText).toBe("<shop.example.com, www.shop.example.com>");
		expect(rendered.testAsValue).toBe(true);
		expect(rendered.testAsText).toBe("<true>");
		expect(rendered.durationAsValue).toBe(event === "deployment.started" ? null : 95);
		expect(rendered.durationAsText).toBe(event === "deployment.started" ? "<>" : "<95>");
		expect(rendered.errorMessageAsValue).toBe(payload.error?.message ?? null);
		expect(rendered.cancellationReasonAsValue).toBe(payload.cancellation?.reason ?? null);
		expect(rendered.triggeredByAsValue).toBe("webhook");
		expect(rendered.triggeredByUserAsValue).toBe("system");
	});

	it.each(deploymentEventNames)("renders the PRD-style template for %s", (event) => {
		const rendered = renderCustomTemplate(prdTemplate, sample(event)) as {
			text: string;
			error: { message: string | null; stage: string };
		};

		expect(rendered.text).toMatch(
			/^Deployment (running|done|error|cancelled) for storefront \(Acme Shop\)$/,
		);
		expect(rendered.error.stage).toBe(event === "deployment.failed" ? "build" : "");
	});

	it("inserts quotes, backslashes, newlines, control characters and emoji exactly", () => {
		const nasty =
			'a "quoted" \\ back\\slash\nnew\tline\u0000\u001f\u2028 🚀 ünïcødé \ud800 ${branch}';
		const payload = sample("deployment.failed", (p) => {
			p.application.name = nasty;
			p.project.name = '}]",';
		});

		const rendered = renderCustomTemplate(
			'{"name": "${applicationName}", "framed": "[${applicationName}]", "value": ${applicationName}, "p": "${projectName}"}',
			payload,
		);

		expect(rendered).toEqual({
			name: nasty,
			framed: `[${nasty}]`,
			value: nasty,
			p: '}]",',
		});
	});

	it("does not expand placeholders that appear inside inserted values", () => {
		const payload = sample("deployment.success", (p) => {
			p.application.name = "${projectName}";
		});

		expect(renderCustomTemplate('"${applicationName}"', payload)).toBe("${projectName}");
	});

	it("turns missing values into empty strings inside strings and null as values", () => {
		const payload = sample("deployment.started", (p) => {
			p.source.branch = null;
			p.application.url = null;
			p.application.domains = [];
		});

		expect(
			renderCustomTemplate(
				'{"b": "branch=${branch}", "u": ${applicationUrl}, "f": ${finishedAt}, "e": "${errorMessage}", "d": ${domains}}',
				payload,
			),
		).toEqual({ b: "branch=", u: null, f: null, e: "", d: [] });
	});

	it("accepts a template that is a single value", () => {
		expect(renderCustomTemplate("${duration}", sample("deployment.success"))).toBe(95);
		expect(renderCustomTemplate(' "${status}" ', sample("deployment.success"))).toBe("done");
	});

	it("refuses templates that were never validated, with the problems listed", () => {
		const payload = sample("deployment.success");

		expect(() => renderCustomTemplate('{"a": "${nope}"}', payload)).toThrowError(
			CustomTemplateError,
		);
		try {
			renderCustomTemplate('{"a": ${duration}', payload);
			expect.unreachable("an unclosed object must not render");
		} catch (error) {
			expect(error).toBeInstanceOf(CustomTemplateError);
			expect(error).toMatchObject({ code: "CUSTOM_TEMPLATE_INVALID" });
			expect((error as CustomTemplateError).cause).toBeInstanceOf(SyntaxError);
		}
	});
});

describe("customTemplate", () => {
	it("renders the webhook's own template and refuses a missing one", () => {
		const payload = sample("deployment.success");

		expect(customTemplate.render(payload, { customTemplate: '{"s": "${status}"}' })).toEqual({
			s: "done",
		});
		expect(() => customTemplate.render(payload, { customTemplate: "" })).toThrowError(
			expect.objectContaining({ code: "CUSTOM_TEMPLATE_MISSING" }),
		);
	});
});

describe("validateCustomTemplate", () => {
	it("accepts templates using every variable in both positions", () => {
		expect(validateCustomTemplate(everyVariableTemplate)).toEqual({ ok: true });
		expect(validateCustomTemplate(prdTemplate)).toEqual({ ok: true });
	});

	it("rejects unknown variables, listing them and every known variable", () => {
		const result = validateCustomTemplate('{"a": "${appName}", "b": ${nope}, "c": "${appName}"}');

		expect(result.ok).toBe(false);
		const [message] = result.ok ? [] : result.errors;
		expect(message).toContain("Unknown variables: ${appName}, ${nope}.");
		for (const { name } of customTemplateVariables) expect(message).toContain(name);
	});

	it("treats Object internals as unknown variables", () => {
		const result = validateCustomTemplate('["${constructor}", "${__proto__}", "${toString}"]');

		expect(result.ok ? [] : result.errors).toEqual([
			expect.stringContaining("Unknown variables: ${constructor}, ${__proto__}, ${toString}."),
		]);
	});

	it("rejects templates over 16 KB, counting bytes rather than characters", () => {
		const sized = (bytes: number) => `"${"a".repeat(bytes - 2)}"`;

		expect(validateCustomTemplate(sized(CUSTOM_TEMPLATE_MAX_BYTES))).toEqual({ ok: true });
		expect(validateCustomTemplate(sized(CUSTOM_TEMPLATE_MAX_BYTES + 1))).toEqual({
			ok: false,
			errors: ["The template is 16385 bytes; the limit is 16384 (16 KB)."],
		});
		// 6,000 characters, 18,000 bytes in UTF-8.
		expect(validateCustomTemplate(`"${"€".repeat(6000)}"`).ok).toBe(false);
	});

	it("states the line and column of a JSON syntax error", () => {
		const result = validateCustomTemplate(
			'{\n  "name": "${applicationName}",\n  "n": 1\n  "x": 1\n}',
		);

		expect(result).toEqual({
			ok: false,
			errors: [
				"Invalid JSON at line 4, column 3 (position 45): Expected ',' or '}' after a property but found \"\\\"\".",
			],
		});
	});

	it.each([
		["-${duration}", "${duration} at line 1, column 2 must be inside a string or stand alone"],
		["[${duration}${duration}]", "${duration} at line 1, column 2 must be inside a string"],
		["{${applicationName}: 1}", "${applicationName} at line 1, column 2 must be inside a string"],
		['{"a": 1${duration}}', "${duration} at line 1, column 8 must be inside a string"],
	])("rejects %s, where the value would not stand alone", (template, message) => {
		const result = validateCustomTemplate(template);

		expect(result.ok ? [] : result.errors).toEqual(
			expect.arrayContaining([expect.stringContaining(message)]),
		);
	});

	it("names both placeholders when two are glued together", () => {
		const result = validateCustomTemplate("[${duration}${duration}]");

		expect(result.ok ? [] : result.errors).toHaveLength(2);
	});

	it("rejects a placeholder in a key position of an object", () => {
		const result = validateCustomTemplate('{"a": 1, ${applicationName}}');

		expect(result.ok ? [] : result.errors).toEqual([
			expect.stringContaining("Invalid JSON at line 1, column 10"),
		]);
	});

	it("rejects malformed placeholders and invalid escapes that a value could complete", () => {
		const result = validateCustomTemplate(
			'{"a": "${ applicationName }", "b": "\\u00${commitHash}", "c": "\\q"}',
		);

		expect(result.ok ? [] : result.errors).toEqual([
			"Malformed placeholder at line 1, column 8: write ${variableName}.",
			"Invalid escape sequence at line 1, column 37.",
			"Invalid escape sequence at line 1, column 63.",
		]);
	});

	it("lets a literal ${ be written as \\u0024{ and keeps it literal", () => {
		const template = '{"shell": "echo \\u0024{HOME}"}';

		expect(validateCustomTemplate(template)).toEqual({ ok: true });
		expect(renderCustomTemplate(template, sample("deployment.started"))).toEqual({
			shell: "echo ${HOME}",
		});
	});

	it("accepts placeholders in object keys when inside quotes", () => {
		const template = '{"${applicationName}": ${duration}}';

		expect(validateCustomTemplate(template)).toEqual({ ok: true });
		expect(renderCustomTemplate(template, sample("deployment.success"))).toEqual({
			storefront: 95,
		});
	});
});
