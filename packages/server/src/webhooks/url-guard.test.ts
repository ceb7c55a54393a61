import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dnsError, noAllowlist, publicDns, refusalOf } from "./__test__/fake-dns";
import {
	assertWebhookUrl,
	checkWebhookUrlShape,
	type ResolveHost,
	type WebhookUrlErrorCode,
} from "./url-guard";

const ssrfCorpus: [string, WebhookUrlErrorCode][] = [
	// IPv4 literals in every form the WHATWG parser normalises
	["https://2130706433/", "blocked_address"],
	["https://0177.0.0.1/", "blocked_address"],
	["https://0x7f.1/", "blocked_address"],
	["https://0x7f000001/", "blocked_address"],
	["https://127.1/", "blocked_address"],
	["https://127.0.0.1:8443/hook", "blocked_address"],
	["https://0.0.0.0/", "blocked_address"],
	["https://0/", "blocked_address"],
	["https://10.0.0.5/", "blocked_address"],
	["https://012.0.0.1/", "blocked_address"],
	["https://172.16.0.1/", "blocked_address"],
	["https://172.31.255.255/", "blocked_address"],
	["https://192.168.1.1/", "blocked_address"],
	["https://0xc0.0xa8.1.1/", "blocked_address"],
	["https://169.254.169.254/latest/meta-data/", "blocked_address"],
	["https://2852039166/", "blocked_address"],
	["https://100.64.0.1/", "blocked_address"],
	["https://198.18.0.1/", "blocked_address"],
	["https://224.0.0.1/", "blocked_address"],
	["https://255.255.255.255/", "blocked_address"],
	["https://240.0.0.1/", "blocked_address"],
	["https://192.0.2.1/", "blocked_address"],
	// IPv6 literals
	["https://[::1]/", "blocked_address"],
	["https://[0:0:0:0:0:0:0:1]/", "blocked_address"],
	["https://[::]/", "blocked_address"],
	["https://[fc00::1]/", "blocked_address"],
	["https://[fd00:ec2::254]/", "blocked_address"],
	["https://[fe80::1]/", "blocked_address"],
	["https://[fec0::1]/", "blocked_address"],
	["https://[ff02::1]/", "blocked_address"],
	["https://[2001:db8::1]/", "blocked_address"],
	["https://[::7f00:1]/", "blocked_address"],
	// IPv6 forms that carry a private IPv4 address
	["https://[::ffff:127.0.0.1]/", "blocked_address"],
	["https://[::ffff:7f00:1]/", "blocked_address"],
	["https://[::ffff:169.254.169.254]/", "blocked_address"],
	["https://[::ffff:0:10.0.0.1]/", "blocked_address"],
	["https://[64:ff9b::127.0.0.1]/", "blocked_address"],
	["https://[64:ff9b::a9fe:a9fe]/", "blocked_address"],
	["https://[64:ff9b:1::10.0.0.1]/", "blocked_address"],
	["https://[64:ff9b:1:a00:1::]/", "blocked_address"],
	["https://[2002:7f00:1::]/", "blocked_address"],
	["https://[2002:a9fe:a9fe::1]/", "blocked_address"],
	["https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", "blocked_address"],
	["https://[2001:0:a00:1:8000:63bf:f7f7:f7f7]/", "blocked_address"],
	// Hostnames whose DNS answers are not all public
	["https://localhost.example/", "blocked_address"],
	["https://internal.example/", "blocked_address"],
	["https://metadata.example/", "blocked_address"],
	["https://mixed.example/", "blocked_address"],
	["https://mixed-v6.example/", "blocked_address"],
	["https://mapped.example/", "blocked_address"],
	["https://nat64.example/", "blocked_address"],
	["https://ula.example/", "blocked_address"],
	["https://garbage.example/", "blocked_address"],
	// Schemes
	["http://example.com/hook", "scheme_not_allowed"],
	["http://8.8.8.8/", "scheme_not_allowed"],
	["ftp://example.com/", "scheme_not_allowed"],
	["file:///etc/passwd", "scheme_not_allowed"],
	["javascript:alert(1)", "scheme_not_allowed"],
	["gopher://127.0.0.1:6379/_INFO", "scheme_not_allowed"],
	// Credentials
	["https://user:pass@example.com/", "credentials_in_url"],
	["https://user@example.com/", "credentials_in_url"],
	["https://:pass@example.com/", "credentials_in_url"],
	// Not URLs
	["not a url", "invalid_url"],
	["", "invalid_url"],
	["https://", "invalid_url"],
	["https://:443/", "invalid_url"],
	["https://exa mple.com/", "invalid_url"],
	["https://[::1/", "invalid_url"],
	// DNS
	["https://nowhere.example/", "unknown_host"],
	["https://empty.example/", "unknown_host"],
];

describe("assertWebhookUrl refuses the SSRF corpus", () => {
	it.each(ssrfCorpus)("refuses %s with %s", async (raw, code) => {
		const error = await refusalOf(raw);
		expect(error.code).toBe(code);
	});

	it.each(ssrfCorpus.filter(([raw]) => !raw.includes(".example")))(
		"refuses %s at save time already, without DNS",
		(raw, code) => {
			expect(() => checkWebhookUrlShape(raw, noAllowlist)).toThrowError(
				expect.objectContaining({ code }),
			);
		},
	);

	it("refuses every loopback, private and link-local IPv4 in decimal, hex and IPv4-mapped form", async () => {
		const blockedV4 = fc.oneof(
			fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
			fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
			fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
			fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
		);
		await fc.assert(
			fc.asyncProperty(blockedV4, async (octets) => {
				const asInteger = octets.reduce((sum, octet) => sum * 256 + octet, 0);
				for (const host of [
					String(asInteger),
					`0x${asInteger.toString(16)}`,
					`[::ffff:${octets.join(".")}]`,
				]) {
					expect((await refusalOf(`https://${host}/`)).code).toBe("blocked_address");
				}
			}),
		);
	});
});

describe("assertWebhookUrl explains its refusals", () => {
	it("names the host, the address and the reason", async () => {
		const error = await refusalOf("https://internal.example/hook");
		expect(error.message).toBe(
			"Address 10.0.0.5 of internal.example is private-range and cannot receive webhooks",
		);
		expect(error.address).toBe("10.0.0.5");
	});

	it("names the IPv4 address a mapped address carries", async () => {
		const error = await refusalOf("https://[::ffff:169.254.169.254]/");
		expect(error.message).toContain("a cloud metadata service (it carries IPv4 169.254.169.254)");
	});

	it("refuses the first non-public address even when a public one comes first", async () => {
		const error = await refusalOf("https://mixed.example/");
		expect(error.address).toBe("10.0.0.5");
	});

	it("tells http: on a public host apart from other schemes", async () => {
		expect((await refusalOf("http://example.com/")).message).toContain("only for allowlisted");
		expect((await refusalOf("ftp://example.com/")).message).not.toContain("allowlisted");
	});
});

describe("assertWebhookUrl maps DNS failures", () => {
	it.each([
		["ENOTFOUND", "unknown_host"],
		["ENODATA", "unknown_host"],
		["EAI_AGAIN", "dns_temporary_failure"],
		["ETIMEOUT", "dns_temporary_failure"],
		["ESERVFAIL", "dns_temporary_failure"],
	])("maps %s to %s and keeps the cause", async (dnsCode, code) => {
		const failure = dnsError(dnsCode);
		const error = await refusalOf("https://example.com/", async () => {
			throw failure;
		});
		expect(error.code).toBe(code);
		expect(error.message).toContain(dnsCode);
		expect(error.cause).toBe(failure);
	});

	it("treats a failure without a code as temporary", async () => {
		const error = await refusalOf("https://example.com/", async () => {
			throw new Error("socket closed");
		});
		expect(error.code).toBe("dns_temporary_failure");
		expect(error.message).toContain("unknown error");
	});

	it("uses the system resolver by default", async () => {
		await expect(
			assertWebhookUrl("https://localhost/", { allowlist: noAllowlist }),
		).rejects.toMatchObject({ code: "blocked_address" });
	});
});

describe("assertWebhookUrl accepts public destinations", () => {
	it("returns the checked address of a public hostname", async () => {
		const checked = await assertWebhookUrl("https://example.com/hook?x=1", {
			allowlist: noAllowlist,
			resolve: publicDns,
		});
		expect(checked.url.href).toBe("https://example.com/hook?x=1");
		expect(checked).toMatchObject({ address: "93.184.216.34", family: 4 });
	});

	it("returns an IPv6 address with family 6", async () => {
		const checked = await assertWebhookUrl("https://v6.example/", {
			allowlist: noAllowlist,
			resolve: publicDns,
		});
		expect(checked).toMatchObject({ address: "2606:4700:4700::1111", family: 6 });
	});

	it.each([
		["https://8.8.8.8/", "8.8.8.8", 4],
		["https://[2606:4700:4700::1111]/", "2606:4700:4700::1111", 6],
		["https://[::ffff:8.8.8.8]/", "::ffff:808:808", 6],
		["https://[64:ff9b::8.8.8.8]/", "64:ff9b::808:808", 6],
		["https://[2002:808:808::1]/", "2002:808:808::1", 6],
		["https://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", 6],
	])("accepts the public IP literal %s without asking DNS", async (raw, address, family) => {
		const checked = await assertWebhookUrl(raw, {
			allowlist: noAllowlist,
			resolve: async () => {
				throw new Error("DNS must not be asked about an IP literal");
			},
		});
		expect(checked).toMatchObject({ address, family });
	});

	it("refuses a DNS answer that changes between save and send", async () => {
		const answers = [["93.184.216.34"], ["127.0.0.1"]];
		let calls = 0;
		const rebinding: ResolveHost = async () =>
			(answers[calls++] ?? []).map((address) => ({ address, family: 4 }));
		const atSave = await assertWebhookUrl("https://rebind.example/", {
			allowlist: noAllowlist,
			resolve: rebinding,
		});
		expect(atSave.address).toBe("93.184.216.34");
		const atSend = await refusalOf("https://rebind.example/", rebinding);
		expect(atSend.code).toBe("blocked_address");
		expect(atSend.address).toBe("127.0.0.1");
	});
});
