/**
 * Per-path scripts on the shared test receiver. Each test takes its own path, so a late retry of
 * one test is never answered by the script of the next, and each path counts its own requests.
 */
import type { ServerResponse } from "node:http";
import { nanoid } from "nanoid";
import { waitFor } from "../../__test__/fixtures";
import { type ReceivedRequest, type Receiver, type Responder, respondWith } from "./receiver";

export interface Route {
	path: string;
	url: string;
	requests: () => ReceivedRequest[];
	waitForRequests: (count: number, timeoutMs?: number) => Promise<ReceivedRequest[]>;
}

/** Answers the n-th request of a route with the n-th responder; the last one repeats. */
export const inSequence =
	(...responders: Responder[]): Responder =>
	(request, response, index) =>
		responders[Math.min(index, responders.length - 1)]!(request, response, index);

/** Drops the connection without an answer: a network error for the sender. */
export const dropConnection: Responder = (_request, response: ServerResponse) => {
	response.socket?.destroy();
};

/** Never answers: the sender times out. */
export const neverAnswer: Responder = () => new Promise<void>(() => {});

/** Holds every request until `release` is called with the responder that answers it. */
export const heldUntilReleased = () => {
	let release!: (responder: Responder) => void;
	const gate = new Promise<Responder>((resolve) => {
		release = resolve;
	});
	const responder: Responder = async (request, response, index) =>
		(await gate)(request, response, index);
	return { responder, release };
};

/** Call at the top level of a test file, after `useWebhookEngine()`. */
export const useReceiverRoutes = (engine: { receiver: Receiver }) => {
	const scripts = new Map<string, Responder>();
	let installed = false;
	const install = () => {
		if (installed) return;
		installed = true;
		engine.receiver.respond((request, response) => {
			const seen = engine.receiver.requests.filter((r) => r.path === request.path).length;
			const script = scripts.get(request.path) ?? respondWith(200);
			return script(request, response, seen - 1);
		});
	};

	return (script: Responder = respondWith(200)): Route => {
		install();
		const path = `/hook/${nanoid(10)}`;
		scripts.set(path, script);
		const requests = () => engine.receiver.requests.filter((request) => request.path === path);
		return {
			path,
			url: engine.receiver.url(path),
			requests,
			waitForRequests: (count, timeoutMs = 20_000) =>
				waitFor(
					async () => requests(),
					(list) => list.length >= count,
					{
						timeoutMs,
						what: `${count} requests to ${path}`,
					},
				),
		};
	};
};
