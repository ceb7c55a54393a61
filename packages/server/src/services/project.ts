import { and, count, desc, eq } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { application } from "../db/schema/application";
import { compose } from "../db/schema/compose";
import { project } from "../db/schema/project";
import { NotFoundError } from "../lib/errors";

export const createProject = async (
	organizationId: string,
	input: { name: string; description?: string | null },
) => {
	const [row] = await getDatabase()
		.insert(project)
		.values({ ...input, organizationId })
		.returning();
	return row!;
};

/** Another organization's project is not found, never forbidden. */
export const findProjectById = async (projectId: string, organizationId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(project)
		.where(and(eq(project.projectId, projectId), eq(project.organizationId, organizationId)));
	if (!row) throw new NotFoundError("Project");
	return row;
};

export const findProjectsByOrganization = async (organizationId: string) => {
	const db = getDatabase();
	const projects = await db
		.select()
		.from(project)
		.where(eq(project.organizationId, organizationId))
		.orderBy(desc(project.createdAt));
	return Promise.all(
		projects.map(async (row) => {
			const [apps] = await db
				.select({ value: count() })
				.from(application)
				.where(eq(application.projectId, row.projectId));
			const [composes] = await db
				.select({ value: count() })
				.from(compose)
				.where(eq(compose.projectId, row.projectId));
			return { ...row, applications: apps?.value ?? 0, composes: composes?.value ?? 0 };
		}),
	);
};

export const updateProject = async (
	projectId: string,
	organizationId: string,
	changes: { name?: string; description?: string | null },
) => {
	await findProjectById(projectId, organizationId);
	const [row] = await getDatabase()
		.update(project)
		.set(changes)
		.where(eq(project.projectId, projectId))
		.returning();
	return row!;
};

export const deleteProject = async (projectId: string, organizationId: string) => {
	const found = await findProjectById(projectId, organizationId);
	await getDatabase().delete(project).where(eq(project.projectId, projectId));
	return found;
};
