import { relations } from "drizzle-orm";
import { index, pgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { project } from "./project";
import { serviceColumns, serviceFieldsPatchSchema, serviceFieldsSchema } from "./service-columns";
import { idColumn, idSchema } from "./shared";

export const application = pgTable(
	"application",
	{ applicationId: idColumn("applicationId"), ...serviceColumns() },
	(table) => [index("application_projectId_idx").on(table.projectId)],
);

export const applicationRelations = relations(application, ({ one }) => ({
	project: one(project, { fields: [application.projectId], references: [project.projectId] }),
}));

export const apiCreateApplication = serviceFieldsSchema.extend({ projectId: idSchema });
export const apiFindApplication = z.object({ applicationId: idSchema });
export const apiUpdateApplication = serviceFieldsPatchSchema.extend({ applicationId: idSchema });

export type Application = typeof application.$inferSelect;
