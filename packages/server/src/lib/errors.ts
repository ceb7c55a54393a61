/**
 * Domain errors. Services throw these; the tRPC layer translates them into HTTP-shaped errors,
 * so the services never know about transports.
 */
export class NotFoundError extends Error {
	readonly code = "NOT_FOUND";
	constructor(entity: string) {
		super(`${entity} not found`);
		this.name = "NotFoundError";
	}
}

export class ValidationError extends Error {
	readonly code = "VALIDATION";
	constructor(
		message: string,
		readonly issues: string[] = [],
		options?: ErrorOptions,
	) {
		super(message, options);
		this.name = "ValidationError";
	}
}

export class ConflictError extends Error {
	readonly code = "CONFLICT";
	constructor(message: string) {
		super(message);
		this.name = "ConflictError";
	}
}

export class ForbiddenError extends Error {
	readonly code = "FORBIDDEN";
	constructor(message: string) {
		super(message);
		this.name = "ForbiddenError";
	}
}
