import { relations, sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
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
