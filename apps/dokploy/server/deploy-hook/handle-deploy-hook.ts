/**
 * `POST /api/deploy/<refreshToken>`: a CI system or a Git host asks for a deployment. The token
 * is the only credential, so it is format-checked before any database lookup, and an unknown
 * token is indistinguishable from a deleted service (404). Extra body fields (a Git host's
 * full push payload) are ignored; only `branch` and `commit` are read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { branchSchema, commitSchema } from "@dokploy/server/db/schema/service-columns";
import { enqueueDeployment } from "@dokploy/server/deployments/queue";
import { logger } from "@dokploy/server/lib/logger";
import { findServiceByRefreshToken } from "@dokploy/server/services/service";
import { z } from "zod";

const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_BODY_BYTES = 1024 * 1024;

const hookBodySchema = z.object({
	branch: branchSchema.nullish(),
	commit: commitSchema.nullish(),
});

class HookError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
	res.statusCode = status;
	res.setHeader("Content-Type", "application/json; charset=utf-8");
	res.setHeader("Cache-Control", "no-store");
	res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage) => {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new HookError(413, "The request body is larger than 1 MB");
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
};

const parseHookBody = (raw: string) => {
	if (raw.trim() === "") return {};
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new HookError(400, "The request body must be JSON");
	}
	if (typeof json !== "object" || json === null || Array.isArray(json)) {
		throw new HookError(400, "The request body must be a JSON object");
	}
	const parsed = hookBodySchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new HookError(400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
	}
	return parsed.data;
};

const findHookService = async (refreshToken: string) => {
	try {
		return await findServiceByRefreshToken(refreshToken);
	} catch (error) {
		if (error instanceof Error && error.name === "NotFoundError") {
			throw new HookError(404, "No service has this deploy hook");
		}
		throw error;
	}
};

export const handleDeployHook = async (
	req: IncomingMessage,
	res: ServerResponse,
	refreshToken: string | undefined,
) => {
	try {
		if (req.method !== "POST") {
			res.setHeader("Allow", "POST");
			throw new HookError(405, "Use POST to trigger a deployment");
		}
		if (!refreshToken || !REFRESH_TOKEN_PATTERN.test(refreshToken)) {
			throw new HookError(
				400,
				"Malformed deploy hook token: expected 16 to 64 letters, digits, '-' or '_'",
			);
		}
		const body = parseHookBody(await readBody(req));
		const service = await findHookService(refreshToken);
		const { jobId } = await enqueueDeployment(
			{ type: service.type, id: service.id },
			{ trigger: { type: "webhook" }, branch: body.branch, commitHash: body.commit },
		);
		sendJson(res, 202, { jobId });
	} catch (error) {
		if (error instanceof HookError) {
			sendJson(res, error.status, { error: error.message });
			return;
		}
		logger.error({ err: error }, "deploy hook failed");
		sendJson(res, 500, { error: "The deployment could not be queued" });
	}
};
