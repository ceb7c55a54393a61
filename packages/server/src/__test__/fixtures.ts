/** Small builders for test data. Each call makes its own organization, so tests never collide. */
import { nanoid } from "nanoid";
import { getDatabase } from "../db/client";
import { member, organization, user } from "../db/schema/auth";
import type { ServiceType } from "../lifecycle/types";
import { createProject } from "../services/project";
import { createService } from "../services/service";

export const createTestOrganization = async (role: "owner" | "admin" | "member" = "owner") => {
	const userId = nanoid();
	const organizationId = nanoid();
	const now = new Date();
	const db = getDatabase();
	await db.insert(user).values({ id: userId, name: "Test User", email: `${userId}@test.local` });
	await db.insert(organization).values({
		id: organizationId,
		name: "Test Org",
		slug: `org-${organizationId}`,
		createdAt: now,
	});
	await db.insert(member).values({ id: nanoid(), organizationId, userId, role, createdAt: now });
	return { userId, organizationId };
};

export const createTestService = async (
	type: ServiceType,
	options: { buildCommand?: string; organizationId?: string; domains?: string[] } = {},
) => {
	const organizationId = options.organizationId ?? (await createTestOrganization()).organizationId;
	const project = await createProject(organizationId, { name: "Test project" });
	const suffix = nanoid(8)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, "x");
	const service = await createService(type, organizationId, {
		projectId: project.projectId,
		name: `Test ${type}`,
		appName: `test-${type}-${suffix}`,
		sourceType: "github",
		repository: "acme/web",
		branch: "main",
		buildCommand: options.buildCommand ?? "echo built",
		domains: options.domains ?? ["app.example.com"],
	});
	return { service, project, organizationId, ref: { type, id: service.id } as const };
};

/** Polls `read` until `done` holds, or fails with the last value seen. */
export const waitFor = async <T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	{ timeoutMs = 20_000, intervalMs = 50, what = "condition" } = {},
) => {
	const deadline = Date.now() + timeoutMs;
	let last: T = await read();
	while (!done(last)) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
		last = await read();
	}
	return last;
};
