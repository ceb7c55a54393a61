/**
 * PostgreSQL text cannot hold U+0000: a NUL byte that reaches a query fails it with an internal
 * error. Input is refused before that, with a clear message, by the tRPC layer (for every
 * procedure) and by any schema that uses `withoutNulBytes`.
 */
import type { z } from "zod";

export const NUL_BYTE_MESSAGE = "Text may not contain the NUL character (U+0000)";

/** True when any string in the value (keys included, at any depth) contains U+0000. */
export const containsNulByte = (value: unknown, depth = 0): boolean => {
	if (typeof value === "string") return value.includes("\u0000");
	// Deeper than any input we accept; refusing is safer than walking on.
	if (depth > 32) return true;
	if (Array.isArray(value)) return value.some((item) => containsNulByte(item, depth + 1));
	if (value === null || typeof value !== "object") return false;
	return Object.entries(value).some(
		([key, item]) => key.includes("\u0000") || containsNulByte(item, depth + 1),
	);
};

/** A zod refinement for schemas used outside tRPC: `withoutNulBytes(z.string().min(1))`. */
export const withoutNulBytes = <Schema extends z.ZodType<string>>(schema: Schema) =>
	schema.refine((text) => !text.includes("\u0000"), { message: NUL_BYTE_MESSAGE });
