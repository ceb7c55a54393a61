/**
 * The rules a webhook's settings must meet that need no server: the URL's shape, the custom
 * headers, the secret's format. This module imports nothing from Node, so the dashboard's forms
 * run the very checks the API runs; whatever needs DNS or the operator's allowlist stays in
 * url-guard.ts and runs on the server when a webhook is saved and before every send.
 */
import { z } from "zod";

export const MAX_WEBHOOKS_PER_SERVICE = 50;
export const MAX_CUSTOM_HEADERS = 20;
const MAX_HEADER_VALUE_BYTES = 1024;
const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Headers the engine sets itself: a custom header may not replace or add to them. */
const engineHeader = /^(content-type|content-length|host|user-agent|x-dokploy-.*|webhook-.*)$/i;
/**
 * Connection-level (hop-by-hop) headers: HTTP clients refuse them or they change how the body is
 * framed, so undici throws on every attempt. They are refused at save rather than at each send.
 */
const hopByHopHeader =
	/^(connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade|expect)$/i;
/** An HTTP field name: an RFC 9110 token. */
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII, spaces and tabs: anything else (control characters, non-ASCII) cannot be sent. */
const sendableValue = /^[\t\x20-\x7e]*$/;

export const HEADER_PROBLEM_CODES = [
	"invalid_name",
	"reserved",
	"hop_by_hop",
	"invalid_value",
	"value_too_long",
	"duplicate",
] as const;

type HeaderProblemCode = (typeof HEADER_PROBLEM_CODES)[number];

export interface HeaderProblem {
	code: HeaderProblemCode;
	field: "name" | "value";
	message: string;
}

/** Why one header cannot be saved, or null; `seen` holds the lower-cased names before it. */
export const findHeaderProblem = (
	name: string,
	value: string,
	seen: ReadonlySet<string> = new Set(),
): HeaderProblem | null => {
	if (!headerToken.test(name)) {
		return {
			code: "invalid_name",
			field: "name",
			message: `"${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`,
		};
	}
	if (engineHeader.test(name)) {
		return {
			code: "reserved",
			field: "name",
			message: `The header ${name} is set by Dokploy and cannot be changed`,
		};
	}
	if (hopByHopHeader.test(name)) {
		return {
			code: "hop_by_hop",
			field: "name",
			message: `The header ${name} controls the connection and cannot be sent as a custom header`,
		};
	}
	if (seen.has(name.toLowerCase())) {
		return { code: "duplicate", field: "name", message: `The header ${name} is given twice` };
	}
	if (!sendableValue.test(value)) {
		return {
			code: "invalid_value",
			field: "value",
			message: `The value of ${name} may only contain visible ASCII characters, spaces and tabs`,
		};
	}
	if (value.length > MAX_HEADER_VALUE_BYTES) {
		return {
			code: "value_too_long",
			field: "value",
			message: `The value of ${name} is longer than 1 KB`,
		};
	}
	return null;
};

export const webhookHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
	const names = Object.keys(headers);
	if (names.length > MAX_CUSTOM_HEADERS) {
		ctx.addIssue({ code: "custom", message: `At most ${MAX_CUSTOM_HEADERS} custom headers` });
	}
	const seen = new Set<string>();
	for (const name of names) {
		const problem = findHeaderProblem(name, headers[name] ?? "", seen);
		if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem.message });
		seen.add(name.toLowerCase());
	}
});

export type UrlShapeProblemCode = "invalid_url" | "scheme_not_allowed" | "credentials_in_url";

/**
 * The URL checks a browser can make. http: passes here because the operator may allowlist a
 * host for it (a self-hosted n8n); the server refuses it for every other host.
 */
const findUrlShapeProblem = (
	raw: string,
): { code: UrlShapeProblemCode; message: string } | null => {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return { code: "invalid_url", message: `"${raw}" is not a valid URL` };
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") {
		return {
			code: "scheme_not_allowed",
			message: `Webhook URLs must use https:, not ${url.protocol}`,
		};
	}
	if (url.username !== "" || url.password !== "") {
		return {
			code: "credentials_in_url",
			message: "Webhook URLs may not contain a username or password; use a custom header instead",
		};
	}
	return null;
};

export const webhookUrlSchema = z
	.string()
	.trim()
	.min(1, "A URL is required")
	.max(MAX_WEBHOOK_URL_LENGTH, `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`)
	.superRefine((value, ctx) => {
		const problem = findUrlShapeProblem(value);
		if (problem) ctx.addIssue({ code: "custom", message: problem.message });
	});

export const webhookSecretSchema = z
	.string()
	.trim()
	.regex(
		/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
		"A secret is whsec_ followed by base64 (at least 24 bytes); leave it empty to generate one",
	);
