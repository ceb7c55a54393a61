/**
 * The world of the authorization tests: organization A with its owner, a member and a project
 * holding an application and a compose service, each with a deployment; and organization B,
 * whose owner must never see any of it.
 */
import { createDeployment, createDeploymentCompose } from "@dokploy/server/services/deployment";
import { createCaller } from "../root";
import {
	insertMember,
	insertOrganization,
	type SignedUpOwner,
	signUpOwner,
	uniqueSuffix,
} from "./organizations";

export type { SignedUpOwner };
export type Caller = ReturnType<typeof createCaller>;
export type TwoOrganizations = Awaited<ReturnType<typeof setUpTwoOrganizations>>;

export const serviceInput = (projectId: string, label: string) => ({
	projectId,
	name: label,
	appName: `${label}-${uniqueSuffix()}`,
	buildCommand: "echo built",
});

export const setUpTwoOrganizations = async () => {
	const ownerA = await signUpOwner("owner-a");
	const a = createCaller(ownerA.caller);
	const organizationB = await insertOrganization("Organization B");
	const b = createCaller(await insertMember(organizationB, "owner", "owner-b"));
	const memberOfA = createCaller(await insertMember(ownerA.organizationId, "member", "member-a"));

	const project = await a.project.create({ name: "Project A" });
	const application = await a.application.create(serviceInput(project.projectId, "app-a"));
	const compose = await a.compose.create(serviceInput(project.projectId, "stack-a"));
	const deployment = await createDeployment(application.id, { trigger: { type: "manual" } });
	const composeDeployment = await createDeploymentCompose(compose.id, {
		trigger: { type: "manual" },
	});
	return {
		ownerA,
		a,
		b,
		memberOfA,
		ids: {
			projectId: project.projectId,
			applicationId: application.id,
			composeId: compose.id,
			deploymentId: deployment.deploymentId,
			composeDeploymentId: composeDeployment.deploymentId,
		},
	};
};
