/**
 * One webhook POST over a connection pinned to an address the URL guard already checked.
 *
 * The TCP connection goes to `address` whatever DNS says now (no rebinding between check and
 * connect), while the TLS handshake still sends the URL's hostname as SNI and verifies the
 * certificate against it; `ca` adds trusted roots (a private CA, or tests) to the system ones.
 * Connections are kept alive in pools keyed by that pin (connection-pools.ts).
 * Redirects are never followed (a 3xx is reported as is), at most `maxResponseBytes` of the
 * response are read, and `timeoutMs` bounds the whole exchange, body included. Network trouble is
 * reported in the result, never thrown, so the worker can record it as an attempt.
 */
import { performance } from "node:perf_hooks";
import { request } from "undici";
import { processSingleton } from "../lib/process-singleton";
import { type ConnectionPools, createConnectionPools } from "./connection-pools";

export interface SendWebhookRequestOptions {
	url: URL;
	/** The address returned by `assertWebhookUrl`; the connection goes here. */
	address: string;
	family: 4 | 6;
	headers: Record<string, string>;
	body: string;
	/** Total time for connect, request and response body. */
	timeoutMs?: number;
	maxResponseBytes?: number;
	storedExcerptBytes?: number;
	/** Extra trusted CA certificates (PEM), added to the system roots. */
	ca?: string | string[];
	/** Monotonic clock in milliseconds, for `durationMs`. */
	now?: () => number;
	/** Where warm connections are kept; the process's shared pools by default. */
	pools?: ConnectionPools;
}

type WebhookTransportErrorKind = "timeout" | "network" | "tls";

export interface WebhookHttpResult {
	/** A 2xx status was received. */
	ok: boolean;
	status: number | null;
	durationMs: number;
	responseExcerpt: string;
	retryAfter: string | null;
	error: { kind: WebhookTransportErrorKind; message: string } | null;
}

export const defaultTimeoutMs = 10_000;
const defaultMaxResponseBytes = 64 * 1024;
const defaultStoredExcerptBytes = 4 * 1024;

/** The pools of callers that bring none (test sends, the API's sendWebhook). */
const sharedConnectionPools = () =>
	processSingleton("webhook-connection-pools", () => createConnectionPools());

/** The first `limit` bytes, cut back to a whole UTF-8 character. */
const utf8Excerpt = (bytes: Buffer, limit: number) => {
	if (bytes.length <= limit) return bytes.toString("utf8");
	let end = limit;
	// Step back over UTF-8 continuation bytes (10xxxxxx) to the start of a character.
	while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
	return bytes.subarray(0, end).toString("utf8");
};

const readBounded = async (body: AsyncIterable<Buffer>, maxBytes: number) => {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		chunks.push(chunk);
		size += chunk.length;
		// Leaving the loop destroys the stream and with it the connection.
		if (size >= maxBytes) break;
	}
	return Buffer.concat(chunks).subarray(0, maxBytes);
};

const timeoutCodes = new Set([
	"UND_ERR_CONNECT_TIMEOUT",
	"UND_ERR_HEADERS_TIMEOUT",
	"UND_ERR_BODY_TIMEOUT",
	"ETIMEDOUT",
]);

/** Certificate and TLS protocol failures: configuration problems, not passing trouble. */
const tlsCodePattern =
	/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

const errorChain = (error: unknown): { code?: unknown; message?: unknown }[] => {
	const chain: { code?: unknown; message?: unknown }[] = [];
	let current: unknown = error;
	while (typeof current === "object" && current !== null && chain.length < 5) {
		chain.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
};

const describeError = (
	error: unknown,
	timedOut: boolean,
	timeoutMs: number,
): NonNullable<WebhookHttpResult["error"]> => {
	const chain = errorChain(error);
	const codes = chain.map((link) => link.code).filter((code) => typeof code === "string");
	const innermost = chain.at(-1);
	const detail = innermost?.message ? String(innermost.message) : String(error);
	const code = codes.at(-1);
	const message = code && !detail.includes(code) ? `${code}: ${detail}` : detail;
	if (timedOut || codes.some((c) => timeoutCodes.has(c))) {
		return { kind: "timeout", message: `No complete response within ${timeoutMs} ms` };
	}
	if (codes.some((c) => tlsCodePattern.test(c))) return { kind: "tls", message };
	return { kind: "network", message };
};

export const sendWebhookRequest = async (
	options: SendWebhookRequestOptions,
): Promise<WebhookHttpResult> => {
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
	const excerptBytes = Math.min(
		options.storedExcerptBytes ?? defaultStoredExcerptBytes,
		maxResponseBytes,
	);
	const now = options.now ?? (() => performance.now());
	const startedAt = now();
	const elapsed = () => Math.max(0, Math.round(now() - startedAt));

	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const pools = options.pools ?? sharedConnectionPools();
	let status: number | null = null;
	let retryAfter: string | null = null;
	try {
		return await pools.use(options, async (pool) => {
			const response = await request(options.url, {
				method: "POST",
				headers: options.headers,
				body: options.body,
				dispatcher: pool,
				signal: controller.signal,
				headersTimeout: timeoutMs,
				bodyTimeout: timeoutMs,
			});
			status = response.statusCode;
			const header = response.headers["retry-after"];
			retryAfter = (Array.isArray(header) ? header[0] : header) ?? null;
			const bytes = await readBounded(response.body, maxResponseBytes);
			return {
				ok: status >= 200 && status < 300,
				status,
				durationMs: elapsed(),
				responseExcerpt: utf8Excerpt(bytes, excerptBytes),
				retryAfter,
				error: null,
			};
		});
	} catch (error) {
		return {
			ok: false,
			status,
			durationMs: elapsed(),
			responseExcerpt: "",
			retryAfter,
			error: describeError(error, controller.signal.aborted, timeoutMs),
		};
	} finally {
		clearTimeout(timer);
	}
};
