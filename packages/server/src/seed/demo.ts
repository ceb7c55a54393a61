/**
 * On an empty database, the product seeds a demo so that a first visit has something to
 * deploy: an admin (credentials from the environment or the defaults below, printed at start),
 * a project, an application whose build passes, one whose build fails, and a compose service.
 */
import { getAuth } from "../auth/auth";
import { countUsers, findMemberships } from "../auth/membership";
import { createProject } from "../services/project";
import { createService } from "../services/service";

export interface DemoCredentials {
	email: string;
	password: string;
}

const demoCredentials = (env = process.env): DemoCredentials => ({
	email: env.DOKPLOY_ADMIN_EMAIL ?? "admin@dokploy.local",
	password: env.DOKPLOY_ADMIN_PASSWORD ?? "dokploy-admin",
});

/** Seeds the demo when no user exists yet; returns the credentials, or null if it did nothing. */
export const seedDemoIfEmpty = async (credentials = demoCredentials()) => {
	if ((await countUsers()) > 0) return null;
	const { user } = await getAuth().api.signUpEmail({
		body: { name: "Admin", email: credentials.email, password: credentials.password },
	});
	const [membership] = await findMemberships(user.id);
	if (!membership) throw new Error("The demo admin has no organization");
	const { organizationId } = membership;
	const project = await createProject(organizationId, {
		name: "Demo",
		description: "Sample services to try deployments and webhooks",
	});
	const common = { projectId: project.projectId, sourceType: "github" as const, branch: "main" };
	await createService("application", organizationId, {
		...common,
		name: "Demo app",
		appName: "demo-app",
		repository: "dokploy/demo-app",
		buildCommand:
			'echo "Installing dependencies..."; sleep 1; echo "Building demo-app"; sleep 1; echo "Build complete"',
		domains: ["demo-app.localhost"],
	});
	await createService("application", organizationId, {
		...common,
		name: "Broken app",
		appName: "broken-app",
		repository: "dokploy/broken-app",
		buildCommand:
			'echo "Installing dependencies..."; sleep 1; echo "error: cannot find module \'left-pad\'" >&2; exit 1',
		domains: [],
	});
	await createService("compose", organizationId, {
		...common,
		name: "Demo stack",
		appName: "demo-stack",
		repository: "dokploy/demo-stack",
		buildCommand: 'echo "Pulling images..."; sleep 1; echo "Stack is up"',
		domains: ["demo-stack.localhost"],
	});
	return credentials;
};
