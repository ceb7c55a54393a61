/**
 * Unexpected errors (bugs, a database that fails) must tell the caller nothing about the
 * statement or data involved: a driver's message can hold a whole SQL statement with its
 * parameters, that is webhook URLs with their tokens, header values and ciphertext. The caller
 * gets a generic message and an error id; the log gets the same id with what is needed to
 * diagnose (error names, codes, the statement without its values, the stack frames) and no
 * values.
 */
import { randomUUID } from "node:crypto";
import type { TRPCError } from "@trpc/server";

// The formatter and onError see the same error object, in an order tRPC does not promise.
const errorIds = new WeakMap<TRPCError, string>();

export const errorIdOf = (error: TRPCError) => {
	let id = errorIds.get(error);
	if (!id) {
		id = randomUUID();
		errorIds.set(error, id);
	}
	return id;
};

export const isUnexpected = (error: TRPCError) => error.code === "INTERNAL_SERVER_ERROR";

export const genericMessage = (errorId: string) =>
	`Something went wrong on the server. Error id: ${errorId}`;

/**
 * Strips values from an error message: the parameter list drizzle appends, quoted literals
 * (PostgreSQL quotes the offending value), and URL queries.
 */
const scrubMessage = (message: string) =>
	message
		.replace(/\nparams:[\s\S]*$/, "")
		.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (quoted) =>
			// Quoted identifiers in a statement help and hold no data; values in messages do.
			/^"[\w.]+"$/.test(quoted) && message.startsWith("Failed query:") ? quoted : "«…»",
		)
		.replace(/\?[^\s"']*/g, "?«…»");

interface ErrorSummary {
	name: string;
	code?: string;
	message: string;
	/** PostgreSQL names the table, column and constraint involved: schema, not data. */
	table?: string;
	column?: string;
	constraint?: string;
}

const schemaNames = (error: Error) => {
	const { table_name, column_name, constraint_name } = error as {
		table_name?: unknown;
		column_name?: unknown;
		constraint_name?: unknown;
	};
	return {
		...(typeof table_name === "string" ? { table: table_name } : {}),
		...(typeof column_name === "string" ? { column: column_name } : {}),
		...(typeof constraint_name === "string" ? { constraint: constraint_name } : {}),
	};
};

const stackFrames = (error: Error) =>
	(error.stack ?? "")
		.split("\n")
		.filter((line) => line.trimStart().startsWith("at "))
		.map((line) => line.trim());

/** The cause chain of an error, each link by name, code and scrubbed message; then the frames. */
export const describeForLog = (error: unknown) => {
	const chain: ErrorSummary[] = [];
	let current: unknown = error;
	for (let depth = 0; current instanceof Error && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		chain.push({
			name: current.name,
			...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
			message: scrubMessage(current.message),
			...schemaNames(current),
		});
		current = current.cause;
	}
	return { chain, stack: error instanceof Error ? stackFrames(error) : [] };
};
