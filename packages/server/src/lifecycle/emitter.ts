/**
 * The one seam between the deployment lifecycle and whatever reacts to it (the webhook outbox).
 *
 * The deployment service changes a status and emits the matching event in one transaction.
 * Each listener runs inside a savepoint: what it writes commits with the status change, and if
 * it fails, its writes roll back alone, the failure is logged, and the deployment goes on.
 * Listeners may return work to run after commit (enqueueing jobs); that work never throws back
 * into the deployment either.
 *
 * A process with no listener has not been wired (runtime/start-process.ts): emitting then
 * would lose the event for good, so the emitter refuses, and the deployment change with it.
 */
import type { Database, Transaction } from "../db/client";
import { getDatabase } from "../db/client";
import { logger } from "../lib/logger";
import { processSingleton } from "../lib/process-singleton";
import type { DeploymentLifecycleEvent } from "./types";

type AfterCommit = () => Promise<void>;
export type LifecycleListener = (
	tx: Transaction,
	event: DeploymentLifecycleEvent,
) => Promise<AfterCommit | undefined>;

const listeners = () =>
	processSingleton("lifecycle-listeners", () => new Map<string, LifecycleListener>());

/** Registers (or replaces) a listener under a name, so that registering twice is harmless. */
export const registerLifecycleListener = (name: string, listener: LifecycleListener) => {
	listeners().set(name, listener);
};

export const unregisterLifecycleListener = (name: string) => {
	listeners().delete(name);
};

export type Emit = (event: DeploymentLifecycleEvent) => Promise<void>;

export class LifecycleNotWiredError extends Error {
	constructor() {
		super(
			"No lifecycle listener is registered: start the process through startProcess() " +
				"(or call wireLifecycleListeners()) before changing a deployment",
		);
		this.name = "LifecycleNotWiredError";
	}
}

/**
 * Runs `work` in a transaction and hands it an `emit` for lifecycle events. After commit it
 * runs what the listeners asked for; after a rollback nothing of theirs runs.
 */
export const runLifecycleTransaction = async <T>(
	work: (tx: Transaction, emit: Emit) => Promise<T>,
	db: Database = getDatabase(),
): Promise<T> => {
	if (listeners().size === 0) throw new LifecycleNotWiredError();
	const afterCommit: AfterCommit[] = [];
	const result = await db.transaction(async (tx) => {
		const emit: Emit = async (event) => {
			for (const [name, listener] of listeners()) {
				try {
					const follow = await tx.transaction((savepoint) => listener(savepoint, event));
					if (follow) afterCommit.push(follow);
				} catch (error) {
					logger.error(
						{
							err: error,
							listener: name,
							event: event.name,
							deploymentId: event.deployment.deploymentId,
						},
						"lifecycle listener failed; the deployment continues",
					);
				}
			}
		};
		return work(tx, emit);
	});
	for (const follow of afterCommit) {
		follow().catch((error: unknown) =>
			logger.error({ err: error }, "after-commit work of a lifecycle listener failed"),
		);
	}
	return result;
};
