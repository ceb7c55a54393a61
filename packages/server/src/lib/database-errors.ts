/** Walks an error and its causes (drizzle wraps the driver's error) until `test` matches. */
const someCause = (error: unknown, test: (code: unknown) => boolean): boolean => {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		if (test((current as { code?: unknown }).code)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
};

/** PostgreSQL's unique_violation, whether the driver error arrives bare or wrapped by drizzle. */
export const isUniqueViolation = (error: unknown): boolean =>
	someCause(error, (code) => code === "23505");

/** The driver's and the socket's words for a connection that went away or could not be made. */
const connectionLost = new Set([
	"CONNECTION_CLOSED",
	"CONNECTION_ENDED",
	"CONNECTION_DESTROYED",
	"CONNECT_TIMEOUT",
	"ECONNREFUSED",
	"ECONNRESET",
	"EPIPE",
	"ETIMEDOUT",
]);

/**
 * True when the database was away, not wrong: the connection dropped or was refused, or the
 * server is shutting down or starting (SQLSTATE class 08, 57P01-57P03). The same statement may
 * well succeed a moment later.
 */
const isTransientDatabaseError = (error: unknown): boolean =>
	someCause(
		error,
		(code) =>
			typeof code === "string" &&
			(connectionLost.has(code) || code.startsWith("08") || /^57P0[123]$/.test(code)),
	);

/**
 * Runs `step` again while it fails because the database is away (a restart takes seconds), for
 * up to `forMs`; any other error, or the last transient one, is thrown. `step` must be safe to
 * repeat: a failed commit may have happened all the same.
 */
export const retryWhileDatabaseIsAway = async <T>(
	step: (attempt: number) => Promise<T>,
	{ forMs, firstDelayMs = 200 }: { forMs: number; firstDelayMs?: number },
): Promise<T> => {
	const giveUpAt = Date.now() + forMs;
	let delayMs = firstDelayMs;
	for (let attempt = 1; ; attempt++) {
		try {
			return await step(attempt);
		} catch (error) {
			if (!isTransientDatabaseError(error) || Date.now() + delayMs > giveUpAt) throw error;
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			delayMs = Math.min(delayMs * 2, 5_000);
		}
	}
};
