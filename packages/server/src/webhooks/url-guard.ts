/**
 * SSRF guard for webhook URLs, in two stages.
 *
 * `checkWebhookUrlShape` is synchronous so zod can run it when a webhook is saved: the URL must
 * parse, use https: (http: only for allowlisted hosts), carry no credentials, and an IP literal
 * (in whatever form the WHATWG parser normalises: 2130706433, 0177.0.0.1, 0x7f.1, [::1]) must be
 * a public address. `assertWebhookUrl` runs before EVERY send: it resolves the host, requires
 * every answer to be public unicast and returns one checked address; the HTTP client then pins
 * its connection to that address, so a DNS answer that changes between check and connect
 * (rebinding) never reaches the socket. Which addresses count as public is `address-rules.ts`.
 * Operators may allowlist IPs and CIDRs (`url-allowlist.ts`), which skip the address rules, and
 * hostnames, whose addresses skip only the private and loopback rules: a listed name that
 * resolves to a cloud metadata service or a link-local address is still refused unless that
 * address is listed too.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { findAddressProblem, parseStrictIp } from "./address-rules";
import { bareHost, type WebhookAllowlist } from "./url-allowlist";

export type WebhookUrlErrorCode =
	| "invalid_url"
	| "scheme_not_allowed"
	| "credentials_in_url"
	| "blocked_address"
	| "unknown_host"
	| "dns_temporary_failure";

export class WebhookUrlError extends Error {
	override readonly name = "WebhookUrlError";
	readonly code: WebhookUrlErrorCode;
	/** The refused address, for `blocked_address`. */
	readonly address: string | null;

	constructor(
		code: WebhookUrlErrorCode,
		message: string,
		options: { cause?: unknown; address?: string } = {},
	) {
		super(message, { cause: options.cause });
		this.code = code;
		this.address = options.address ?? null;
	}
}

export type ResolvedAddress = { address: string; family?: number };
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface CheckedWebhookUrl {
	url: URL;
	/** The address the connection must be pinned to. */
	address: string;
	family: 4 | 6;
}

const defaultResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

const assertPublicAddress = (address: string, hostname: string | null, listedHostname = false) => {
	const ip = parseStrictIp(address);
	const problem = ip ? findAddressProblem(ip, listedHostname) : "not a valid IP address";
	if (!problem) return;
	const of = hostname ? ` of ${hostname}` : "";
	throw new WebhookUrlError(
		"blocked_address",
		`Address ${address}${of} is ${problem} and cannot receive webhooks`,
		{ address },
	);
};

/**
 * The checks that need no DNS. Returns the parsed URL or throws a WebhookUrlError. An empty host
 * needs no check of its own: the WHATWG parser refuses http(s) URLs without one.
 */
export const checkWebhookUrlShape = (raw: string, allowlist: WebhookAllowlist): URL => {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch (cause) {
		throw new WebhookUrlError("invalid_url", `"${raw}" is not a valid URL`, { cause });
	}
	const host = bareHost(url.hostname);
	const allowlisted = allowlist.allowsHost(host);
	if (url.protocol !== "https:" && !(url.protocol === "http:" && allowlisted)) {
		const onlyAllowlisted = url.protocol === "http:" ? " (http: only for allowlisted hosts)" : "";
		throw new WebhookUrlError(
			"scheme_not_allowed",
			`Webhook URLs must use https:, not ${url.protocol}${onlyAllowlisted}`,
		);
	}
	if (url.username !== "" || url.password !== "") {
		throw new WebhookUrlError(
			"credentials_in_url",
			"Webhook URLs may not contain a username or password; use a custom header instead",
		);
	}
	if (isIP(host) && !allowlisted) assertPublicAddress(host, null);
	return url;
};

const unknownHostCodes = new Set(["ENOTFOUND", "ENODATA"]);

const resolveAll = async (hostname: string, resolve: ResolveHost) => {
	let answers: readonly ResolvedAddress[];
	try {
		answers = await resolve(hostname);
	} catch (cause) {
		const code = (cause as { code?: unknown } | null)?.code;
		const label = typeof code === "string" ? code : "unknown error";
		if (typeof code === "string" && unknownHostCodes.has(code)) {
			throw new WebhookUrlError(
				"unknown_host",
				`Host ${hostname} does not exist in DNS (${code})`,
				{
					cause,
				},
			);
		}
		throw new WebhookUrlError(
			"dns_temporary_failure",
			`DNS lookup of ${hostname} failed temporarily (${label})`,
			{ cause },
		);
	}
	const first = answers[0];
	if (!first) {
		throw new WebhookUrlError("unknown_host", `Host ${hostname} has no addresses in DNS`);
	}
	return { first, answers };
};

const familyOf = (address: string): 4 | 6 => (isIP(address) === 6 ? 6 : 4);

/**
 * Shape check, then DNS: every address the host resolves to must be public unicast, or
 * allowlisted itself, or private or loopback under an allowlisted hostname. Returns the first address, to which the connection must be pinned.
 */
export const assertWebhookUrl = async (
	raw: string,
	options: { allowlist: WebhookAllowlist; resolve?: ResolveHost },
): Promise<CheckedWebhookUrl> => {
	const { allowlist, resolve = defaultResolve } = options;
	const url = checkWebhookUrlShape(raw, allowlist);
	const host = bareHost(url.hostname);
	if (isIP(host)) return { url, address: host, family: familyOf(host) };

	const { first, answers } = await resolveAll(host, resolve);
	const listedHostname = allowlist.allowsHost(host);
	for (const { address } of answers) {
		if (!allowlist.allowsAddress(address)) assertPublicAddress(address, host, listedHostname);
	}
	return { url, address: first.address, family: familyOf(first.address) };
};
