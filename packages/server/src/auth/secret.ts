import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../lib/paths";

/**
 * The auth secret signs sessions and, unless WEBHOOK_ENCRYPTION_KEY is set, keys the encryption
 * of webhook secrets. A random one per start would log everybody out and make stored webhook
 * secrets unreadable, so when none is configured one is generated once and kept in the data
 * directory.
 */
export const resolveAuthSecret = () => {
	if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
	const file = path.join(dataDir(), "auth-secret");
	if (existsSync(file)) return readFileSync(file, "utf8").trim();
	mkdirSync(dataDir(), { recursive: true });
	const secret = randomBytes(32).toString("base64url");
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
};
