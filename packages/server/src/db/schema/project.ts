import { relations } from "drizzle-orm";
import { index, pgTable, text } from "drizzle-orm/pg-core";
import { z } from "zod";
import { organization } from "./auth";
import { createdAtColumn, idColumn, idSchema, nameSchema } from "./shared";

export const project = pgTable(
	"project",
	{
		projectId: idColumn("projectId"),
		name: text("name").notNull(),
		description: text("description"),
		organizationId: text("organizationId")
			.notNull()
			.references(() => organization.id, { onDelete: "cascade" }),
		createdAt: createdAtColumn(),
	},
	(table) => [index("project_organizationId_idx").on(table.organizationId)],
);

export const projectRelations = relations(project, ({ one }) => ({
	organization: one(organization, {
		fields: [project.organizationId],
		references: [organization.id],
	}),
}));

export const apiCreateProject = z.object({
	name: nameSchema,
	description: z.string().max(1000).optional(),
});
export const apiFindProject = z.object({ projectId: idSchema });
export const apiUpdateProject = apiCreateProject.partial().extend({ projectId: idSchema });

export type Project = typeof project.$inferSelect;
