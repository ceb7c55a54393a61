import { relations, sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { z } from "zod";
import { application } from "./application";
import { compose } from "./compose";
import { createdAtColumn, idColumn, idSchema, sourceType } from "./shared";

export const deploymentStatus = pgEnum("deploymentStatus", [
	"running",
	"done",
	"error",
	"cancelled",
]);
export const triggerType = pgEnum("triggerType", ["manual", "webhook", "schedule"]);
export const errorStage = pgEnum("errorStage", ["build", "deploy"]);

/**
 * Enough to recognise a build's process group after its worker died: the host it runs on, the
 * group id (the pid of its leader) and the leader's start time in clock ticks since boot, as
 * /proc/<pid>/stat field 22 gives it. A pid alone could have been reused by then.
 */
export interface BuildProcess {
	host: string;
	pgid: number;
	startTicks: string;
}

export const deployment = pgTable(
	"deployment",
	{
		deploymentId: idColumn("deploymentId"),
		title: text("title").notNull(),
		status: deploymentStatus("status").notNull().default("running"),
		logPath: text("logPath").notNull(),
		applicationId: text("applicationId").references(() => application.applicationId, {
			onDelete: "cascade",
		}),
		composeId: text("composeId").references(() => compose.composeId, { onDelete: "cascade" }),
		startedAt: text("startedAt").notNull(),
		finishedAt: text("finishedAt"),
		errorMessage: text("errorMessage"),
		errorStage: errorStage("errorStage"),
		cancelReason: text("cancelReason"),
		triggerType: triggerType("triggerType").notNull().default("manual"),
		/** A user id for manual deployments, "system" for hooks and schedules. */
		triggeredBy: text("triggeredBy").notNull().default("system"),
		sourceType: sourceType("sourceType").notNull(),
		repository: text("repository"),
		branch: text("branch"),
		commitHash: text("commitHash"),
		buildProcess: jsonb("buildProcess").$type<BuildProcess>(),
		createdAt: createdAtColumn(),
	},
	(table) => [
		index("deployment_applicationId_idx").on(table.applicationId),
		index("deployment_composeId_idx").on(table.composeId),
		index("deployment_status_idx").on(table.status),
		check(
			"deployment_one_service",
			sql`num_nonnulls(${table.applicationId}, ${table.composeId}) = 1`,
		),
	],
);

/**
 * A deployment the API accepted and that has not started yet. Written before its job is queued
 * and deleted in the transaction that creates its deployment row, so an accepted deployment is
 * always in the database: if Redis loses the job, the watchdog queues it again or records why
 * it could not run (deployments/watchdog.ts).
 */
export const deploymentRequest = pgTable(
	"deployment_request",
	{
		deploymentId: idColumn("deploymentId"),
		applicationId: text("applicationId").references(() => application.applicationId, {
			onDelete: "cascade",
		}),
		composeId: text("composeId").references(() => compose.composeId, { onDelete: "cascade" }),
		title: text("title"),
		triggerType: triggerType("triggerType").notNull(),
		triggeredBy: text("triggeredBy"),
		branch: text("branch"),
		commitHash: text("commitHash"),
		requestedAt: text("requestedAt").notNull(),
	},
	(table) => [
		check(
			"deployment_request_one_service",
			sql`num_nonnulls(${table.applicationId}, ${table.composeId}) = 1`,
		),
	],
);

export type DeploymentRequest = typeof deploymentRequest.$inferSelect;

export const deploymentRelations = relations(deployment, ({ one }) => ({
	application: one(application, {
		fields: [deployment.applicationId],
		references: [application.applicationId],
	}),
	compose: one(compose, { fields: [deployment.composeId], references: [compose.composeId] }),
}));

export const apiFindDeployment = z.object({ deploymentId: idSchema });
export const apiCancelDeployment = z.object({
	deploymentId: idSchema,
	reason: z.string().trim().max(500).optional(),
});

export type Deployment = typeof deployment.$inferSelect;
