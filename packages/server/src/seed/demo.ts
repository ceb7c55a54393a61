/**
 * On an empty database, the product seeds a demo so that a first visit has something to
 * deploy: an owner, a project, an application whose build passes, one whose build fails, and a
 * compose service. The owner can run shell commands on the host through builds and the
 * dashboard listens on every interface, so its password is never a known default: it comes
 * from DOKPLOY_ADMIN_PASSWORD or is generated, printed once and kept in a file only the
 * product's user can read.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getAuth } from "../auth/auth";
import { countUsers, findMemberships } from "../auth/membership";
import { dataDir } from "../lib/paths";
import { createProject } from "../services/project";
import { createService } from "../services/service";

export interface DemoCredentials {
	email: string;
	password: string;
	/** True when the password was generated here rather than given in the environment. */
	generated: boolean;
}

export interface SeededDemo extends DemoCredentials {
	/** Where a generated password is kept (mode 0600), or null when it came from the environment. */
	passwordFile: string | null;
}

const adminPasswordFile = () => path.join(dataDir(), "admin-password");

export const demoCredentials = (env = process.env): DemoCredentials => ({
	email: env.DOKPLOY_ADMIN_EMAIL ?? "admin@dokploy.local",
	password: env.DOKPLOY_ADMIN_PASSWORD ?? randomBytes(18).toString("base64url"),
	generated: env.DOKPLOY_ADMIN_PASSWORD === undefined,
});

const keepPassword = (password: string) => {
	const file = adminPasswordFile();
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, `${password}\n`, { mode: 0o600 });
	// The mode above applies to a new file only; a file left by an earlier install keeps its own.
	chmodSync(file, 0o600);
	return file;
};

/** Seeds the demo when no user exists yet; returns the credentials, or null if it did nothing. */
export const seedDemoIfEmpty = async (
	credentials = demoCredentials(),
): Promise<SeededDemo | null> => {
	if ((await countUsers()) > 0) return null;
	const { user } = await getAuth().api.signUpEmail({
		body: { name: "Admin", email: credentials.email, password: credentials.password },
	});
	const passwordFile = credentials.generated ? keepPassword(credentials.password) : null;
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
	return { ...credentials, passwordFile };
};
