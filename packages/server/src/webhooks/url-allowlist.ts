/**
 * `WEBHOOK_ALLOWED_HOSTS`: the hostnames, IPs and CIDRs an operator lets webhooks reach although
 * they are not public (a self-hosted n8n on the same network). Parsed once, at start-up.
 */
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import ipaddr from "ipaddr.js";
import { type IpAddress, parseStrictIp } from "./address-rules";

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

export /** "[::1]" -> "::1", "Example.COM." -> "example.com" */
const bareHost = (host: string) =>
	host
		.replace(/^\[(.*)\]$/, "$1")
		.replace(/\.$/, "")
		.toLowerCase();

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
