import pino from "pino";
import { processSingleton } from "./process-singleton";

/**
 * One structured logger for the process. Secrets never reach it: the redact list is a second
 * line of defence behind code that simply does not pass them.
 */
export const logger = processSingleton("logger", () =>
	pino({
		level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
		redact: ["secret", "*.secret", "headers.authorization", "*.secretCiphertext"],
		base: { service: "dokploy" },
	}),
);
