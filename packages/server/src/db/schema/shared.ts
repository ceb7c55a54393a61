/** Column helpers and validators shared by the host tables, so each domain file stays short. */

import { pgEnum, text } from "drizzle-orm/pg-core";
import { nanoid } from "nanoid";
import { z } from "zod";

const newId = () => nanoid();
const nowIso = () => new Date().toISOString();

export const idColumn = (name: string) => text(name).primaryKey().$defaultFn(newId);
export const createdAtColumn = () => text("createdAt").notNull().$defaultFn(nowIso);

export const sourceType = pgEnum("sourceType", ["github", "gitlab", "git", "docker"]);

export const nameSchema = z
	.string()
	.trim()
	.min(1, "Name is required")
	.max(100, "Name must be at most 100 characters");

export const appNameSchema = z
	.string()
	.trim()
	.min(1, "App name is required")
	.max(63, "App name must be at most 63 characters")
	.regex(
		/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
		"App name may use lowercase letters, digits and dashes, and must start and end with a letter or digit",
	);

/**
 * Ids are nanoids, except deployments started by a schedule, which take their BullMQ job id
 * (`repeat:<scheduler>:<time>`, about 60 characters).
 */
export const idSchema = z.string().min(1, "An id is required").max(128, "Unknown id");
