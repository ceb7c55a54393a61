/**
 * A bulkhead per webhook, inside one worker process. A receiver that never answers holds each
 * attempt for the whole timeout; without a cap its deliveries would soon fill every slot of the
 * worker, and healthy receivers would wait behind them. So once a webhook has `maxSlow` attempts
 * that have been in flight longer than `slowAfterMs`, its next deliveries are put back to wait
 * (that is not an attempt) instead of taking a slot. A fast receiver's attempts end long before
 * they count as slow, so a burst to a busy, healthy receiver (Slack, n8n) is never held back.
 * The wait is as long as the webhook's oldest attempt has been in flight: a receiver that was
 * slow for a moment is tried again soon, one that hangs ever more rarely (up to its timeout).
 */
type InFlightSlot = { entered: true; leave: () => void } | { entered: false; waitMs: number };

export interface InFlightLimit {
	/** Takes a slot for the webhook, or says how long to wait when it has `maxSlow` slow attempts. */
	tryEnter(webhookId: string): InFlightSlot;
}

export const createInFlightLimit = (
	options: { maxSlow?: number; slowAfterMs?: number; now?: () => number } = {},
): InFlightLimit => {
	const maxSlow = options.maxSlow ?? 3;
	const slowAfterMs = options.slowAfterMs ?? 1_000;
	const now = options.now ?? Date.now;
	// Per webhook, the start times of its attempts in flight.
	const inFlight = new Map<string, Set<{ startedAt: number }>>();
	return {
		tryEnter(webhookId) {
			const attempts = inFlight.get(webhookId) ?? new Set();
			let slow = 0;
			let oldestMs = 0;
			for (const attempt of attempts) {
				const age = now() - attempt.startedAt;
				if (age >= slowAfterMs) slow++;
				oldestMs = Math.max(oldestMs, age);
			}
			if (slow >= maxSlow) return { entered: false, waitMs: oldestMs };
			const attempt = { startedAt: now() };
			attempts.add(attempt);
			inFlight.set(webhookId, attempts);
			return {
				entered: true,
				leave: () => {
					attempts.delete(attempt);
					if (attempts.size === 0) inFlight.delete(webhookId);
				},
			};
		},
	};
};
