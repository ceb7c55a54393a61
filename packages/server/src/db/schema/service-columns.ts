/**
 * Applications and compose services are deployed the same way here: a source, a build command
 * that runs as a child process, domains, a deploy-hook token and an optional cron schedule.
 * Both tables take these columns; the zod schemas below are shared by the API and the forms.
 */
import { CronExpressionParser } from "cron-parser";
import { jsonb, text } from "drizzle-orm/pg-core";
import { nanoid } from "nanoid";
import { z } from "zod";
import { project } from "./project";
import { appNameSchema, createdAtColumn, nameSchema, sourceType } from "./shared";

export const serviceColumns = () => ({
	name: text("name").notNull(),
	appName: text("appName").notNull().unique(),
	description: text("description"),
	projectId: text("projectId")
		.notNull()
		.references(() => project.projectId, { onDelete: "cascade" }),
	sourceType: sourceType("sourceType").notNull().default("git"),
	repository: text("repository"),
	branch: text("branch"),
	buildCommand: text("buildCommand").notNull().default(""),
	domains: jsonb("domains").$type<string[]>().notNull().default([]),
	refreshToken: text("refreshToken")
		.notNull()
		.unique()
		.$defaultFn(() => nanoid(32)),
	deploySchedule: text("deploySchedule"),
	createdAt: createdAtColumn(),
});

const hostnameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(253)
	.regex(
		/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
		"A domain is a host name such as app.example.com",
	);

export const cronScheduleSchema = z
	.string()
	.trim()
	.max(100)
	.refine((value) => {
		try {
			CronExpressionParser.parse(value);
			return true;
		} catch {
			return false;
		}
	}, "Not a valid cron expression (for example */15 * * * *)");

export const branchSchema = z
	.string()
	.trim()
	.min(1)
	.max(255)
	.regex(/^(?!\/)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![/.])$/, "Not a valid branch name");

export const commitSchema = z
	.string()
	.trim()
	.regex(/^[0-9a-f]{7,64}$/i, "A commit is a hexadecimal hash of 7 to 64 characters");

const serviceFieldShapes = {
	name: nameSchema,
	appName: appNameSchema,
	description: z.string().max(1000).nullish(),
	sourceType: z.enum(sourceType.enumValues),
	repository: z.string().trim().max(300).nullish(),
	branch: branchSchema.nullish(),
	buildCommand: z.string().max(4096, "The build command is at most 4096 characters"),
	domains: z.array(hostnameSchema).max(20, "At most 20 domains"),
	deploySchedule: cronScheduleSchema.nullish(),
};

/** For creation: unset fields take their defaults. */
export const serviceFieldsSchema = z.object({
	...serviceFieldShapes,
	sourceType: serviceFieldShapes.sourceType.default("git"),
	buildCommand: serviceFieldShapes.buildCommand.default(""),
	domains: serviceFieldShapes.domains.default([]),
});

/** For updates: no defaults, so a field left out keeps its stored value. */
export const serviceFieldsPatchSchema = z.object(serviceFieldShapes).partial();

export type ServiceFields = z.infer<typeof serviceFieldsSchema>;
