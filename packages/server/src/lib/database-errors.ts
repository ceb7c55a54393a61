/** PostgreSQL's unique_violation, whether the driver error arrives bare or wrapped by drizzle. */
export const isUniqueViolation = (error: unknown): boolean => {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		if ((current as { code?: unknown }).code === "23505") return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
};
