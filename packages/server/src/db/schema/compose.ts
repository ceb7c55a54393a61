import { relations } from "drizzle-orm";
import { index, pgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { project } from "./project";
import { serviceColumns, serviceFieldsPatchSchema, serviceFieldsSchema } from "./service-columns";
import { idColumn, idSchema } from "./shared";

export const compose = pgTable(
	"compose",
	{ composeId: idColumn("composeId"), ...serviceColumns() },
	(table) => [index("compose_projectId_idx").on(table.projectId)],
);

export const composeRelations = relations(compose, ({ one }) => ({
	project: one(project, { fields: [compose.projectId], references: [project.projectId] }),
}));

export const apiCreateCompose = serviceFieldsSchema.extend({ projectId: idSchema });
export const apiFindCompose = z.object({ composeId: idSchema });
export const apiUpdateCompose = serviceFieldsPatchSchema.extend({ composeId: idSchema });

export type Compose = typeof compose.$inferSelect;
