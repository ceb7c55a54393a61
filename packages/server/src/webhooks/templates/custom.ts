/**
 * Custom JSON templates with `${variable}` placeholders. The template is scanned as JSON text, so
 * each placeholder is known to sit either inside a string literal or where a whole JSON value goes:
 *
 * - inside a string, the value is inserted JSON-escaped (quotes, backslashes, control characters
 *   and lone surrogates cannot break out); null becomes "", domains become "a, b";
 * - as a whole value (`{"n": ${duration}}`), the value is inserted as JSON: numbers stay numbers,
 *   domains an array, missing values null.
 *
 * A placeholder outside a string must be delimited like a value (after `[`, `,`, `:` or the start;
 * before `]`, `}`, `,` or the end). Then whether the result parses never depends on the values, so
 * a template accepted at save time renders valid JSON for every deployment, whatever its names,
 * branches or error messages contain. A literal "${" is written "\u0024{" in a string.
 */

import { deploymentEventNames } from "../../lifecycle/types";
import { buildSamplePayload, type WebhookPayload } from "../payload";
import {
	customTemplateVariables,
	isCustomTemplateVariable,
	resolveTemplateVariable,
	type TemplateValue,
} from "./custom-variables";
import { findJsonSyntaxError, locate } from "./json-syntax";
import type { WebhookTemplate } from "./types";

// The variable list belongs with the renderer in callers' eyes (docs, the template editor).
export { customTemplateVariables } from "./custom-variables";

export const CUSTOM_TEMPLATE_MAX_BYTES = 16 * 1024;

export type CustomTemplateErrorCode = "CUSTOM_TEMPLATE_MISSING" | "CUSTOM_TEMPLATE_INVALID";

export class CustomTemplateError extends Error {
	constructor(
		readonly code: CustomTemplateErrorCode,
		message: string,
		readonly problems: string[] = [],
		options?: ErrorOptions,
	) {
		super(message, options);
		this.name = "CustomTemplateError";
	}
}

export type CustomTemplateValidation = { ok: true } | { ok: false; errors: string[] };

type TemplatePart =
	| { kind: "text"; text: string }
	| { kind: "placeholder"; name: string; inString: boolean; start: number; end: number };

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/y;
const JSON_WHITESPACE = " \t\n\r";
const VALUE_OPENERS = new Set(["[", ",", ":"]);
const VALUE_CLOSERS = new Set(["]", "}", ","]);
const SAMPLE_BASE_URL = "https://dokploy.example.com";

export const validateCustomTemplate = (template: string): CustomTemplateValidation => {
	const bytes = new TextEncoder().encode(template).length;
	if (bytes > CUSTOM_TEMPLATE_MAX_BYTES) {
		return {
			ok: false,
			errors: [
				`The template is ${bytes} bytes; the limit is ${CUSTOM_TEMPLATE_MAX_BYTES} (16 KB).`,
			],
		};
	}
	const { parts, problems } = scanTemplate(template);
	const errors = [...problems, ...describeUnknownVariables(parts)];
	if (errors.length > 0) return { ok: false, errors };

	const syntaxError = findJsonSyntaxError(buildSkeleton(parts));
	if (syntaxError) {
		const { line, column, position, message } = syntaxError;
		return {
			ok: false,
			errors: [
				`Invalid JSON at line ${line}, column ${column} (position ${position}): ${message}.`,
			],
		};
	}
	// Defence in depth: the guarantee above is structural, this proves it on every event's sample.
	for (const event of deploymentEventNames) {
		try {
			renderParts(parts, buildSamplePayload(event, SAMPLE_BASE_URL));
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			errors.push(`Rendering the ${event} sample does not give valid JSON: ${reason}`);
		}
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true };
};

/** Renders a template validated at save time; throws CustomTemplateError for anything else. */
export const renderCustomTemplate = (template: string, payload: WebhookPayload): unknown => {
	const { parts, problems } = scanTemplate(template);
	const errors = [...problems, ...describeUnknownVariables(parts)];
	if (errors.length > 0) {
		throw new CustomTemplateError(
			"CUSTOM_TEMPLATE_INVALID",
			"The custom template is invalid",
			errors,
		);
	}
	try {
		return renderParts(parts, payload);
	} catch (error) {
		throw new CustomTemplateError(
			"CUSTOM_TEMPLATE_INVALID",
			"The custom template did not render valid JSON",
			[error instanceof Error ? error.message : String(error)],
			{ cause: error },
		);
	}
};

export const customTemplate: WebhookTemplate = {
	type: "custom",
	render: (payload, options) => {
		if (!options.customTemplate) {
			throw new CustomTemplateError(
				"CUSTOM_TEMPLATE_MISSING",
				'The "custom" template type needs a custom template',
			);
		}
		return renderCustomTemplate(options.customTemplate, payload);
	},
};

const renderParts = (parts: TemplatePart[], payload: WebhookPayload): unknown => {
	const text = parts
		.map((part) => {
			if (part.kind === "text") return part.text;
			// Unknown names were refused before rendering; this keeps the type narrow.
			if (!isCustomTemplateVariable(part.name)) return part.inString ? "" : "null";
			const value = resolveTemplateVariable(part.name, payload);
			return part.inString ? toStringContent(value) : JSON.stringify(value);
		})
		.join("");
	return JSON.parse(text);
};

const toStringContent = (value: TemplateValue) => {
	if (value === null) return "";
	const text = Array.isArray(value) ? value.join(", ") : String(value);
	// JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
	return JSON.stringify(text).slice(1, -1);
};

/**
 * Splits the template into literal text and placeholders, tracking JSON string literals (and their
 * escapes) to tell the two placeholder contexts apart. Reports malformed placeholders, invalid
 * escapes, and placeholders outside strings that do not stand as a whole value.
 */
const scanTemplate = (template: string) => {
	const parts: TemplatePart[] = [];
	const problems: string[] = [];
	const at = (index: number) => {
		const { line, column } = locate(template, index);
		return `line ${line}, column ${column}`;
	};
	let inString = false;
	let textStart = 0;
	let i = 0;
	while (i < template.length) {
		const char = template[i];
		if (char === "$" && template[i + 1] === "{") {
			PLACEHOLDER.lastIndex = i;
			const match = PLACEHOLDER.exec(template);
			if (!match) {
				problems.push(`Malformed placeholder at ${at(i)}: write \${variableName}.`);
				i += 2;
				continue;
			}
			parts.push({ kind: "text", text: template.slice(textStart, i) });
			const end = i + match[0].length;
			parts.push({ kind: "placeholder", name: match[1] as string, inString, start: i, end });
			i = end;
			textStart = i;
			continue;
		}
		if (inString && char === "\\") {
			const escapeLength = measureEscape(template, i);
			if (escapeLength === 0) {
				problems.push(`Invalid escape sequence at ${at(i)}.`);
				i += 2;
			} else {
				i += escapeLength;
			}
			continue;
		}
		if (char === '"') inString = !inString;
		i++;
	}
	parts.push({ kind: "text", text: template.slice(textStart) });

	for (const part of parts) {
		if (part.kind === "placeholder" && !part.inString && !standsAsValue(template, part)) {
			problems.push(
				`\${${part.name}} at ${at(part.start)} must be inside a string or stand alone as a value: after "[", "," or ":" and before "]", "}" or ",".`,
			);
		}
	}
	return { parts, problems };
};

/** Length of the escape at `index` (a backslash inside a string), or 0 when it is not valid JSON. */
const measureEscape = (template: string, index: number) => {
	const next = template[index + 1];
	if (next !== undefined && '"\\/bfnrt'.includes(next)) return 2;
	if (next === "u" && /^[0-9a-fA-F]{4}$/.test(template.slice(index + 2, index + 6))) return 6;
	return 0;
};

const standsAsValue = (template: string, part: { start: number; end: number }) => {
	let before = part.start - 1;
	while (before >= 0 && JSON_WHITESPACE.includes(template[before] as string)) before--;
	let after = part.end;
	while (after < template.length && JSON_WHITESPACE.includes(template[after] as string)) after++;
	const opened = before < 0 || VALUE_OPENERS.has(template[before] as string);
	const closed = after >= template.length || VALUE_CLOSERS.has(template[after] as string);
	return opened && closed;
};

/** Same length as the template, so syntax error positions point into the template itself. */
const buildSkeleton = (parts: TemplatePart[]) =>
	parts
		.map((part) => {
			if (part.kind === "text") return part.text;
			const length = part.end - part.start;
			return part.inString ? "x".repeat(length) : `0${" ".repeat(length - 1)}`;
		})
		.join("");

const describeUnknownVariables = (parts: TemplatePart[]) => {
	const unknown = new Set<string>();
	for (const part of parts) {
		if (part.kind === "placeholder" && !isCustomTemplateVariable(part.name)) unknown.add(part.name);
	}
	if (unknown.size === 0) return [];
	const listed = [...unknown].map((name) => `\${${name}}`).join(", ");
	const known = customTemplateVariables.map(({ name }) => name).join(", ");
	return [`Unknown variables: ${listed}. Known variables: ${known}.`];
};
