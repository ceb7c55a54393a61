/**
 * One webhook POST over a connection pinned to an address the URL guard already checked.
 *
 * The TCP connection goes to `address` whatever DNS says now (no rebinding between check and
 * connect), while the TLS handshake still sends the URL's hostname as SNI and verifies the
 * certificate against it; `ca` adds trusted roots (a private CA, or tests) to the system ones.
 * Redirects are never followed (a 3xx is reported as is), at most `maxResponseBytes` of the
 * response are read, and `timeoutMs` bounds the whole exchange, body included. Network trouble is
 * reported in the result, never thrown, so the worker can record it as an attempt.
 */
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { rootCertificates } from "node:tls";
import { Agent, buildConnector, request } from "undici";

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
}

export type WebhookTransportErrorKind = "timeout" | "network" | "tls";

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
export const defaultMaxResponseBytes = 64 * 1024;
export const defaultStoredExcerptBytes = 4 * 1024;

/** Connects to the pinned address; SNI and certificate checks use the URL's hostname. */
const pinnedAgent = (options: SendWebhookRequestOptions, timeoutMs: number) => {
	const extraCa = options.ca === undefined ? [] : [options.ca].flat();
	const connect = buildConnector({
		timeout: timeoutMs,
		family: options.family,
		...(extraCa.length > 0 ? { ca: [...rootCertificates, ...extraCa] } : {}),
	});
	const hostname = options.url.hostname;
	// SNI carries names only; for an IP literal the certificate is checked against the IP.
	const isIpLiteral = isIP(hostname.replace(/^\[(.*)\]$/, "$1")) !== 0;
	return new Agent({
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
		connections: 1,
		connect: (connectOptions, callback) =>
			connect(
				{
					...connectOptions,
					hostname: options.address,
					...(isIpLiteral ? {} : { servername: hostname }),
				},
				callback,
			),
	});
};

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
	const agent = pinnedAgent(options, timeoutMs);
	let status: number | null = null;
	let retryAfter: string | null = null;
	try {
		const response = await request(options.url, {
			method: "POST",
			headers: options.headers,
			body: options.body,
			dispatcher: agent,
			signal: controller.signal,
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
		await agent.destroy().catch(() => undefined);
	}
};
