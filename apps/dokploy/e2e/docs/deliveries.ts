/**
 * A real delivery as a receiver got it, and the two forgeries every documented receiver must
 * refuse: the same request with a changed body, and a correctly signed request whose timestamp
 * is older than the 5 minutes receivers accept.
 */
import { buildSignatureHeaders } from "@dokploy/server/webhooks/signature";

export interface Delivery {
	/** Lower-case names, as Node and most frameworks present them. */
	headers: Record<string, string>;
	body: string;
}

/** What the worker sends that a replay must not repeat: hop-by-hop and length headers. */
export const transportHeaders = new Set([
	"host",
	"connection",
	"content-length",
	"transfer-encoding",
]);

export const replayable = (delivery: Delivery): Delivery => ({
	body: delivery.body,
	headers: Object.fromEntries(
		Object.entries(delivery.headers).filter(([name]) => !transportHeaders.has(name)),
	),
});

/** The body with one value changed and the signatures left as they were. */
export const tampered = (delivery: Delivery): Delivery => {
	const body = delivery.body.replace(/"status":"(\w+)"/, '"status":"$1-forged"');
	if (body === delivery.body) throw new Error("The delivery has no status to tamper with");
	return { ...replayable(delivery), body };
};

const STALE_BY_MS = 10 * 60 * 1000;

/** Signed with the right secret, but ten minutes ago: a replay of a captured request. */
export const stale = (delivery: Delivery, secret: string): Delivery => {
	const signed = buildSignatureHeaders({
		deliveryId: delivery.headers["webhook-id"]!,
		body: delivery.body,
		secrets: [secret],
		now: new Date(Date.now() - STALE_BY_MS),
	});
	const headers = { ...replayable(delivery).headers };
	for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
	return { headers, body: delivery.body };
};

export const postDelivery = async (url: string, delivery: Delivery) => {
	const response = await fetch(url, {
		method: "POST",
		headers: delivery.headers,
		body: delivery.body,
	});
	await response.arrayBuffer();
	return response.status;
};
