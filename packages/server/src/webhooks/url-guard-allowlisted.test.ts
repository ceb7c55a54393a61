import { describe, expect, it } from "vitest";
import { fakeDns, publicDns, refusalOf } from "./__test__/fake-dns";
import { parseAllowlist } from "./url-allowlist";
import { assertWebhookUrl, checkWebhookUrlShape } from "./url-guard";

describe("assertWebhookUrl accepts allowlisted destinations", () => {
	it("accepts an allowlisted hostname over http: even though it resolves to a private address", async () => {
		const checked = await assertWebhookUrl("http://n8n.internal:5678/webhook/abc", {
			allowlist: parseAllowlist("hooks.lan, N8N.internal."),
			resolve: fakeDns({ "n8n.internal": ["10.0.0.7", "fd00::7"] }),
		});
		expect(checked).toMatchObject({ address: "10.0.0.7", family: 4 });
	});

	describe("an allowlisted hostname is exempt from the private and loopback rules only", () => {
		const allowlist = parseAllowlist("hooks.lan");
		const resolvingTo = (...addresses: string[]) => fakeDns({ "hooks.lan": addresses });

		it.each([
			["the loopback address", "127.0.0.1"],
			["IPv6 loopback", "::1"],
			["a private-range address", "192.168.1.20"],
			["a unique local IPv6 address", "fd12::20"],
		])("accepts %s", async (_label, address) => {
			const checked = await assertWebhookUrl("http://hooks.lan/", {
				allowlist,
				resolve: resolvingTo(address),
			});
			expect(checked.address).toBe(address);
		});

		it.each([
			["AWS / GCP / Azure metadata", "169.254.169.254"],
			["AWS metadata over IPv6", "fd00:ec2::254"],
			["Alibaba Cloud metadata", "100.100.100.200"],
			["AWS metadata, IPv4-mapped", "::ffff:169.254.169.254"],
			["another link-local address", "169.254.10.10"],
			["a multicast address", "224.0.0.1"],
		])("refuses %s (%s)", async (_label, address) => {
			const refused = await refusalOf(
				"http://hooks.lan/",
				resolvingTo("10.0.0.7", address),
				allowlist,
			);
			expect(refused.code).toBe("blocked_address");
			expect(refused.address).toBe(address);
		});

		it.each([
			["169.254.169.254", "hooks.lan 169.254.169.254"],
			["fd00:ec2::254", "hooks.lan fd00:ec2::/32"],
			["100.100.100.200", "hooks.lan, 100.100.100.200"],
		])(
			"accepts the metadata address %s when that address is listed itself",
			async (address, entries) => {
				const checked = await assertWebhookUrl("https://hooks.lan/", {
					allowlist: parseAllowlist(entries),
					resolve: resolvingTo(address),
				});
				expect(checked.address).toBe(address);
			},
		);
	});

	it("accepts private addresses inside an allowlisted CIDR, but not http: on that hostname", async () => {
		const allowlist = parseAllowlist("10.0.0.0/8 fd00::/8");
		const resolve = fakeDns({ "db.example": ["10.1.2.3", "fd00::3"] });
		const checked = await assertWebhookUrl("https://db.example/", { allowlist, resolve });
		expect(checked.address).toBe("10.1.2.3");
		expect((await refusalOf("http://db.example/", resolve, allowlist)).code).toBe(
			"scheme_not_allowed",
		);
		expect((await refusalOf("https://metadata.example/", publicDns, allowlist)).code).toBe(
			"blocked_address",
		);
	});

	it("accepts http: to an IP literal inside an allowlisted CIDR", async () => {
		const allowlist = parseAllowlist("192.168.0.0/16,[::1]");
		expect(checkWebhookUrlShape("http://192.168.5.5:8080/", allowlist).port).toBe("8080");
		expect(checkWebhookUrlShape("http://[::1]/", allowlist).hostname).toBe("[::1]");
		expect(checkWebhookUrlShape("https://[::ffff:192.168.5.5]/", allowlist).protocol).toBe(
			"https:",
		);
	});
});
