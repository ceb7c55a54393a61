/**
 * DNS for the worker: answers are kept for a short while, since every connection is pinned to
 * a checked address anyway and a busy receiver would otherwise cost a lookup per delivery. The
 * URL guard still checks every address of the (cached) answer before every send. getaddrinfo
 * reports no TTL, so an answer is kept `maxAgeMs` (at most 30 s). A lookup that does not answer
 * within `timeoutMs` fails with ETIMEOUT, which the guard reports as a temporary DNS failure (a
 * retry). Failures are not kept; concurrent lookups of one name share one query.
 */
import { lookup } from "node:dns/promises";
import type { ResolvedAddress, ResolveHost } from "./url-guard";

export const MAX_DNS_CACHE_MS = 30_000;

export interface CachedResolverOptions {
	resolve?: ResolveHost;
	maxAgeMs?: number;
	timeoutMs?: number;
	maxEntries?: number;
	now?: () => number;
}

const systemResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

const withTimeout = (hostname: string, answer: Promise<readonly ResolvedAddress[]>, ms: number) => {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() =>
				reject(
					Object.assign(new Error(`DNS lookup of ${hostname} took longer than ${ms} ms`), {
						code: "ETIMEOUT",
					}),
				),
			ms,
		);
	});
	return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
};

export const createCachedResolver = (options: CachedResolverOptions = {}): ResolveHost => {
	const resolve = options.resolve ?? systemResolve;
	const maxAgeMs = Math.min(options.maxAgeMs ?? MAX_DNS_CACHE_MS, MAX_DNS_CACHE_MS);
	const timeoutMs = options.timeoutMs ?? 3_000;
	const maxEntries = options.maxEntries ?? 1_000;
	const now = options.now ?? Date.now;
	const answers = new Map<string, { addresses: readonly ResolvedAddress[]; at: number }>();
	const inFlight = new Map<string, Promise<readonly ResolvedAddress[]>>();

	return async (hostname) => {
		const cached = answers.get(hostname);
		if (cached && now() - cached.at < maxAgeMs) return cached.addresses;
		const pending = inFlight.get(hostname);
		if (pending) return pending;
		const lookingUp = withTimeout(hostname, resolve(hostname), timeoutMs)
			.then((addresses) => {
				answers.delete(hostname);
				answers.set(hostname, { addresses, at: now() });
				// Oldest first in a Map: drop from the front to stay within bounds.
				for (const oldest of answers.keys()) {
					if (answers.size <= maxEntries) break;
					answers.delete(oldest);
				}
				return addresses;
			})
			.finally(() => inFlight.delete(hostname));
		inFlight.set(hostname, lookingUp);
		return lookingUp;
	};
};
