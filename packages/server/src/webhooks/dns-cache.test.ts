import { describe, expect, it } from "vitest";
import { createCachedResolver, MAX_DNS_CACHE_MS } from "./dns-cache";
import { parseAllowlist } from "./url-allowlist";
import { assertWebhookUrl, type ResolvedAddress } from "./url-guard";

/** Scripted DNS that counts its lookups; `answer` is what the next lookup returns. */
const scriptedDns = () => {
	const dns = {
		lookups: 0,
		answer: [{ address: "93.184.216.34", family: 4 }] as readonly ResolvedAddress[],
		resolve: async (_hostname: string) => {
			dns.lookups++;
			return dns.answer;
		},
	};
	return dns;
};

describe("createCachedResolver", () => {
	it("answers a name again from the cache until maxAgeMs has passed, then asks DNS", async () => {
		const dns = scriptedDns();
		let clock = 0;
		const resolve = createCachedResolver({
			resolve: dns.resolve,
			maxAgeMs: 10_000,
			now: () => clock,
		});
		await resolve("hooks.example.com");
		clock = 9_999;
		await resolve("hooks.example.com");
		expect(dns.lookups).toBe(1);
		dns.answer = [{ address: "10.0.0.5", family: 4 }];
		clock = 10_000;
		expect(await resolve("hooks.example.com")).toEqual(dns.answer);
		expect(dns.lookups).toBe(2);
	});

	it(`never keeps an answer longer than ${MAX_DNS_CACHE_MS} ms, whatever it is asked`, async () => {
		const dns = scriptedDns();
		let clock = 0;
		const resolve = createCachedResolver({
			resolve: dns.resolve,
			maxAgeMs: 3_600_000,
			now: () => clock,
		});
		await resolve("hooks.example.com");
		clock = MAX_DNS_CACHE_MS;
		await resolve("hooks.example.com");
		expect(dns.lookups).toBe(2);
	});

	it("shares one lookup between concurrent requests for a name, and keeps names apart", async () => {
		const dns = scriptedDns();
		const resolve = createCachedResolver({ resolve: dns.resolve });
		await Promise.all([
			resolve("a.example.com"),
			resolve("a.example.com"),
			resolve("b.example.com"),
		]);
		expect(dns.lookups).toBe(2);
	});

	it("does not keep failures: the next request asks DNS again", async () => {
		let lookups = 0;
		const resolve = createCachedResolver({
			resolve: async () => {
				lookups++;
				throw Object.assign(new Error("try again"), { code: "EAI_AGAIN" });
			},
		});
		await expect(resolve("hooks.example.com")).rejects.toMatchObject({ code: "EAI_AGAIN" });
		await expect(resolve("hooks.example.com")).rejects.toMatchObject({ code: "EAI_AGAIN" });
		expect(lookups).toBe(2);
	});

	it("fails a lookup that does not answer in time, which the URL guard reports as a temporary (retryable) DNS failure", async () => {
		const resolve = createCachedResolver({
			resolve: () => new Promise<never>(() => undefined),
			timeoutMs: 20,
		});
		await expect(
			assertWebhookUrl("https://slow-dns.example.com/hook", {
				allowlist: parseAllowlist(undefined),
				resolve,
			}),
		).rejects.toMatchObject({
			code: "dns_temporary_failure",
			message: "DNS lookup of slow-dns.example.com failed temporarily (ETIMEOUT)",
		});
	});
});
