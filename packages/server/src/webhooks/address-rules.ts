/**
 * Which IP addresses may receive webhooks: public unicast only. Addresses that carry an IPv4
 * address (IPv4-mapped, NAT64, 6to4, Teredo) are judged by the IPv4 address they carry; cloud
 * metadata services are refused even inside ranges an allowlisted hostname may use.
 */
import ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export const parseStrictIp = (value: string): IpAddress | null =>
	ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value)
		? ipaddr.parse(value)
		: null;

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
export const findAddressProblem = (ip: IpAddress, listedHostname = false): string | null => {
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
