/**
 * SSRF guard for webhook URLs, in two stages.
 *
 * `checkWebhookUrlShape` is synchronous so zod can run it when a webhook is saved: the URL must
 * parse, use https: (http: only for allowlisted hosts), carry no credentials, and an IP literal
 * (in whatever form the WHATWG parser normalises: 2130706433, 0177.0.0.1, 0x7f.1, [::1]) must be
 * a public address. `assertWebhookUrl` runs before EVERY send: it resolves the host, requires
 * every answer to be public unicast and returns one checked address; the HTTP client then pins
 * its connection to that address, so a DNS answer that changes between check and connect
 * (rebinding) never reaches the socket. Addresses that carry an IPv4 address (IPv4-mapped,
 * NAT64, 6to4, Teredo) are judged by the IPv4 address they carry. Operators may allowlist IPs
 * and CIDRs (`WEBHOOK_ALLOWED_HOSTS`), which skip the address rules, and hostnames, whose
 * addresses skip only the private and loopback rules: a listed name that resolves to a cloud
 * metadata service or a link-local address is still refused unless that address is listed too.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import ipaddr from "ipaddr.js";

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

export class InvalidAllowlistError extends Error {
	override readonly name = "InvalidAllowlistError";
	readonly code = "invalid_allowlist";
}

export interface WebhookAllowlist {
	/** The entries as written, for logs and error messages. */
	readonly entries: readonly string[];
	/** The URL's host (a hostname or an IP literal, brackets optional) is allowlisted. */
	allowsHost(host: string): boolean;
	/** The resolved address is an allowlisted IP or lies in an allowlisted CIDR. */
	allowsAddress(address: string): boolean;
}

export type ResolvedAddress = { address: string; family?: number };
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface CheckedWebhookUrl {
	url: URL;
	/** The address the connection must be pinned to. */
	address: string;
	family: 4 | 6;
}

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

const defaultResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** "[::1]" -> "::1", "Example.COM." -> "example.com" */
const bareHost = (host: string) =>
	host
		.replace(/^\[(.*)\]$/, "$1")
		.replace(/\.$/, "")
		.toLowerCase();

const parseStrictIp = (value: string): IpAddress | null =>
	ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value)
		? ipaddr.parse(value)
		: null;

const parseStrictCidr = (value: string): [IpAddress, number] | null =>
	ipaddr.IPv4.isValidCIDRFourPartDecimal(value) || ipaddr.IPv6.isValidCIDR(value)
		? ipaddr.parseCIDR(value)
		: null;

const hostnamePattern = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** Parses `WEBHOOK_ALLOWED_HOSTS`: hostnames, IPs and CIDRs separated by commas or spaces. */
export const parseAllowlist = (value: string | undefined): WebhookAllowlist => {
	const entries = (value ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
	const hostnames = new Set<string>();
	const ranges: [IpAddress, number][] = [];
	for (const entry of entries) {
		const bare = bareHost(entry);
		const ip = parseStrictIp(bare);
		const cidr = ip ? ([ip, ip.kind() === "ipv4" ? 32 : 128] as [IpAddress, number]) : null;
		const range = cidr ?? parseStrictCidr(bare);
		if (range) {
			ranges.push(range);
			continue;
		}
		const ascii = domainToASCII(bare);
		// isIP: "10.1" or "2130706433" would silently become an address; ask for the usual form.
		if (!hostnamePattern.test(ascii) || isIP(ascii)) {
			throw new InvalidAllowlistError(
				`WEBHOOK_ALLOWED_HOSTS entry "${entry}" is neither a hostname, an IP address nor a CIDR`,
			);
		}
		hostnames.add(ascii);
	}

	const allowsAddress = (address: string) => {
		const ip = parseStrictIp(bareHost(address));
		if (!ip) return false;
		const candidates: IpAddress[] = [ip];
		if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
			candidates.push((ip as ipaddr.IPv6).toIPv4Address());
		}
		return candidates.some((candidate) =>
			ranges.some(([net, bits]) => candidate.kind() === net.kind() && candidate.match(net, bits)),
		);
	};

	return {
		entries,
		allowsAddress,
		allowsHost: (host) => {
			const bare = bareHost(host);
			return isIP(bare) ? allowsAddress(bare) : hostnames.has(bare);
		},
	};
};

const ipv4FromParts = (high: number, low: number) =>
	new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 addresses an IPv6 address carries to an IPv4 host, or null if it carries none.
 * The local-use NAT64 prefix (RFC 8215) is only unwrapped in the /96 layout DNS64 uses; other
 * layouts would put the IPv4 address elsewhere, so they are refused rather than guessed.
 */
const embeddedIpv4 = (ip: ipaddr.IPv6): ipaddr.IPv4[] | "ambiguous" | null => {
	const p = ip.parts as [number, number, number, number, number, number, number, number];
	switch (ip.range()) {
		case "ipv4Mapped":
		case "rfc6145":
			return [ipv4FromParts(p[6], p[7])];
		case "rfc6052":
			if (p[3] !== 0 || p[4] !== 0 || p[5] !== 0) return "ambiguous";
			return [ipv4FromParts(p[6], p[7])];
		case "6to4":
			return [ipv4FromParts(p[1], p[2])];
		case "teredo":
			// Server address in clear, client address obfuscated by inverting every bit.
			return [ipv4FromParts(p[2], p[3]), ipv4FromParts(p[6] ^ 0xffff, p[7] ^ 0xffff)];
		default:
			return null;
	}
};

const rangeLabels: Record<string, string> = {
	private: "private-range",
	uniqueLocal: "private-range (unique local)",
	loopback: "loopback",
	linkLocal: "link-local",
	unspecified: "unspecified",
	multicast: "multicast",
	broadcast: "broadcast",
	carrierGradeNat: "carrier-grade NAT (shared address space)",
	reserved: "reserved",
};

const globalUnicastV6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * The ranges an allowlisted hostname may resolve into: the self-hosted receiver on the same
 * host or network. Everything else (link-local, carrier-grade NAT, multicast...) stays refused.
 */
const rangesAllowedForListedHostnames = new Set(["private", "uniqueLocal", "loopback"]);

/** Cloud metadata services hand out credentials; some sit inside otherwise exempt ranges. */
const cloudMetadataAddresses = ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"].map(
	(address) => ipaddr.parse(address).toNormalizedString(),
);

const isCloudMetadata = (ip: IpAddress) => cloudMetadataAddresses.includes(ip.toNormalizedString());

/**
 * Why the address may not receive webhooks, or null when it is public unicast (or, for an
 * allowlisted hostname, in one of `rangesAllowedForListedHostnames`).
 */
const findAddressProblem = (ip: IpAddress, listedHostname = false): string | null => {
	if (ip.kind() === "ipv6") {
		const v6 = ip as ipaddr.IPv6;
		const carried = embeddedIpv4(v6);
		if (carried === "ambiguous") return "a local-use NAT64 address in a non-standard layout";
		if (carried) {
			for (const v4 of carried) {
				const problem = findAddressProblem(v4, listedHostname);
				if (problem) return `${problem} (it carries IPv4 ${v4.toString()})`;
			}
			return null;
		}
	}
	if (isCloudMetadata(ip)) return "a cloud metadata service";
	const range = ip.range();
	if (listedHostname && rangesAllowedForListedHostnames.has(range)) return null;
	if (range !== "unicast") return rangeLabels[range] ?? `special-purpose (${range})`;
	if (ip.kind() === "ipv6" && !ip.match(globalUnicastV6)) return "outside global unicast";
	return null;
};

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
