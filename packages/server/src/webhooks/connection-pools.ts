/**
 * Warm, pinned keep-alive connections for webhook POSTs: one undici Pool per (origin, checked
 * address, trusted CA set). A receiver that gets every event of an instance (Slack, a team's
 * n8n) is then one TLS handshake, not one per delivery.
 *
 * The pin is part of the key, so a pool only ever connects to the address the URL guard checked
 * for it: when DNS answers differently, the new address gets a new pool, and the guard has run
 * before any pool is asked for. TLS sends the URL's hostname as SNI and checks the certificate
 * against it. The number of pools is bounded (the least recently used is closed first), and a
 * pool unused for `idleMs` is closed by a sweep; closing lets requests in flight finish.
 */
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { buildConnector, Pool } from "undici";

interface PinnedTarget {
	url: URL;
	/** The address the URL guard checked; every connection of the pool goes there. */
	address: string;
	family: 4 | 6;
	/** Extra trusted CA certificates (PEM), added to the system roots. */
	ca?: string | string[] | undefined;
}

export interface ConnectionPoolsOptions {
	/** Pools kept at most; the least recently used is closed to make room. */
	maxPools?: number;
	/** A pool unused this long is closed. */
	idleMs?: number;
	connectTimeoutMs?: number;
	/** Milliseconds clock, injected by tests that drive the idle sweep. */
	now?: () => number;
}

export interface ConnectionPools {
	/** Runs `send` with the pool for `target`, creating it if needed. */
	use<T>(target: PinnedTarget, send: (pool: Pool) => Promise<T>): Promise<T>;
	/** Closes the pools unused for `idleMs` (also runs on a timer). */
	sweep(): Promise<void>;
	size(): number;
	close(): Promise<void>;
}

interface Entry {
	pool: Pool;
	lastUsed: number;
	inFlight: number;
}

const caList = (ca: PinnedTarget["ca"]) => (ca === undefined ? [] : [ca].flat());

const caSetOf = (extraCa: string[]) =>
	extraCa.length === 0 ? "system" : createHash("sha256").update(extraCa.join("\n")).digest("hex");

const poolKey = (target: PinnedTarget) =>
	`${target.url.origin} ${target.address} ${caSetOf(caList(target.ca))}`;

/**
 * One TLS context per set of extra CAs, shared by every pool and connection. Given a `ca` list,
 * each TLS connection would otherwise parse the system roots again into a store of its own:
 * a millisecond of CPU and the better part of a megabyte of native memory per connection.
 */
const secureContexts = new Map<string, SecureContext>();
const secureContextFor = (caSet: string, extraCa: string[]) => {
	let context = secureContexts.get(caSet);
	if (!context) {
		context = createSecureContext({ ca: [...rootCertificates, ...extraCa] });
		secureContexts.set(caSet, context);
	}
	return context;
};

const createPinnedPool = (target: PinnedTarget, connectTimeoutMs: number) => {
	const extraCa = caList(target.ca);
	const connect = buildConnector({
		timeout: connectTimeoutMs,
		family: target.family,
		...(extraCa.length > 0 ? { secureContext: secureContextFor(caSetOf(extraCa), extraCa) } : {}),
	});
	const hostname = target.url.hostname;
	// SNI carries names only; for an IP literal the certificate is checked against the IP.
	const isIpLiteral = isIP(hostname.replace(/^\[(.*)\]$/, "$1")) !== 0;
	return new Pool(target.url.origin, {
		// Keep-alive: idle sockets stay open this long unless the receiver asks for less.
		keepAliveTimeout: 30_000,
		connect: (connectOptions, callback) =>
			connect(
				{
					...connectOptions,
					hostname: target.address,
					...(isIpLiteral ? {} : { servername: hostname }),
				},
				callback,
			),
	});
};

export const createConnectionPools = (options: ConnectionPoolsOptions = {}): ConnectionPools => {
	const maxPools = options.maxPools ?? 256;
	const idleMs = options.idleMs ?? 60_000;
	const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
	const now = options.now ?? Date.now;
	// A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
	const pools = new Map<string, Entry>();

	const retire = (key: string, entry: Entry) => {
		pools.delete(key);
		return entry.pool.close().catch(() => undefined);
	};

	const sweep = async () => {
		const closing: Promise<unknown>[] = [];
		for (const [key, entry] of pools) {
			if (entry.inFlight === 0 && now() - entry.lastUsed >= idleMs)
				closing.push(retire(key, entry));
		}
		await Promise.all(closing);
	};
	const timer = setInterval(() => void sweep(), Math.max(1_000, Math.floor(idleMs / 2)));
	timer.unref();

	const take = (target: PinnedTarget) => {
		const key = poolKey(target);
		const entry = pools.get(key) ?? {
			pool: createPinnedPool(target, connectTimeoutMs),
			lastUsed: now(),
			inFlight: 0,
		};
		pools.delete(key);
		pools.set(key, entry);
		for (const [oldestKey, oldest] of pools) {
			if (pools.size <= maxPools) break;
			void retire(oldestKey, oldest);
		}
		return entry;
	};

	return {
		async use(target, send) {
			const entry = take(target);
			entry.inFlight++;
			try {
				return await send(entry.pool);
			} finally {
				entry.inFlight--;
				entry.lastUsed = now();
			}
		},
		sweep,
		size: () => pools.size,
		async close() {
			clearInterval(timer);
			await Promise.all([...pools].map(([key, entry]) => retire(key, entry)));
		},
	};
};
