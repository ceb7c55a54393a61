import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError,
} from "@dokploy/server/lib/errors";
import { describe, expect, it } from "vitest";
import { toTRPCError } from "./errors";

describe("toTRPCError", () => {
	it.each([
		[new NotFoundError("Project"), "NOT_FOUND", "Project not found"],
		[new ValidationError("Bad cron"), "BAD_REQUEST", "Bad cron"],
		[new ConflictError("Taken"), "CONFLICT", "Taken"],
		[new ForbiddenError("No"), "FORBIDDEN", "No"],
	])("maps %s to %s, keeping the message and the cause", (error, code, message) => {
		const translated = toTRPCError(error);
		expect(translated?.code).toBe(code);
		expect(translated?.message).toBe(message);
		expect(translated?.cause).toBe(error);
	});

	it("recognises a domain error thrown by another bundled copy of @dokploy/server", () => {
		class NotFoundError extends Error {
			readonly code = "NOT_FOUND";
			override name = "NotFoundError";
		}
		expect(toTRPCError(new NotFoundError("Deployment not found"))?.code).toBe("NOT_FOUND");
	});

	it("leaves every other error alone, so it stays an internal error", () => {
		const lookalike = Object.assign(new Error("no such file"), { code: "NOT_FOUND" });
		expect(toTRPCError(lookalike)).toBeNull();
		expect(toTRPCError(new TypeError("boom"))).toBeNull();
		expect(toTRPCError("a string")).toBeNull();
	});
});
