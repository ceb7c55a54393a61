/**
 * Records every lifecycle event emitted while a test file runs, in order, under a listener of
 * its own: what the deployment tests assert on ("exactly one terminal event", "started first").
 */
import { afterAll, beforeAll } from "vitest";
import { registerLifecycleListener, unregisterLifecycleListener } from "../lifecycle/emitter";
import type { DeploymentLifecycleEvent } from "../lifecycle/types";

export const recordLifecycleEvents = (listenerName: string) => {
	const events: DeploymentLifecycleEvent[] = [];
	beforeAll(() => {
		registerLifecycleListener(listenerName, async (_tx, event) => {
			events.push(event);
			return undefined;
		});
	});
	afterAll(() => unregisterLifecycleListener(listenerName));
	return events;
};
