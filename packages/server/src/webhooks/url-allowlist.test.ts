import { describe, expect, it } from "vitest";
import { InvalidAllowlistError, parseAllowlist } from "./url-allowlist";

describe("parseAllowlist", () => {
	it("allows nothing when unset or blank", () => {
		for (const value of [undefined, "", " ,  , "]) {
			const allowlist = parseAllowlist(value);
			expect(allowlist.entries).toEqual([]);
			expect(allowlist.allowsHost("localhost")).toBe(false);
			expect(allowlist.allowsAddress("127.0.0.1")).toBe(false);
		}
	});

	it("matches hostnames case-insensitively, ignoring a trailing dot, in punycode", () => {
		const allowlist = parseAllowlist("Hooks.LAN.\nbücher.example");
		expect(allowlist.entries).toEqual(["Hooks.LAN.", "bücher.example"]);
		expect(allowlist.allowsHost("hooks.lan")).toBe(true);
		expect(allowlist.allowsHost("HOOKS.lan.")).toBe(true);
		expect(allowlist.allowsHost("xn--bcher-kva.example")).toBe(true);
		expect(allowlist.allowsHost("sub.hooks.lan")).toBe(false);
	});

	it("matches single IPs, CIDRs and IPv4-mapped forms of allowed IPv4 addresses", () => {
		const allowlist = parseAllowlist("172.17.0.1, 10.0.0.0/8, fd12::/16, [fe80::1]");
		expect(allowlist.allowsAddress("172.17.0.1")).toBe(true);
		expect(allowlist.allowsAddress("172.17.0.2")).toBe(false);
		expect(allowlist.allowsAddress("10.200.1.1")).toBe(true);
		expect(allowlist.allowsAddress("::ffff:10.200.1.1")).toBe(true);
		expect(allowlist.allowsAddress("fd12:1::1")).toBe(true);
		expect(allowlist.allowsAddress("fe80::1")).toBe(true);
		expect(allowlist.allowsAddress("fd13::1")).toBe(false);
		expect(allowlist.allowsAddress("not-an-ip")).toBe(false);
		expect(allowlist.allowsHost("[fe80::1]")).toBe(true);
	});

	it.each(["http://hooks.lan", "10.0.0.0/33", "10.1", "2130706433", "score!.lan"])(
		"rejects the malformed entry %s with a message naming it",
		(entry) => {
			expect(() => parseAllowlist(`hooks.lan,${entry}`)).toThrowError(InvalidAllowlistError);
			expect(() => parseAllowlist(entry)).toThrowError(entry);
		},
	);
});
