/**
 * What the fault suite checks after each fault, from the database, the receiver's log and
 * /proc: every expected webhook-id arrived (lost = 0), duplicates only ever repeat an id, every
 * deployment ended in an allowed status with exactly one terminal event per webhook, and no
 * build process is left.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { ReceivedWebhook } from "./product";

export interface DeploymentOutcome {
	deploymentId: string;
	status: string | null;
	cancelReason: string | null;
	/** Terminal delivery rows per webhook of its service. */
	terminalPerWebhook: number[];
	/** Deliveries it owes: started (unless it never started) and its terminal event, per webhook. */
	expectedDeliveries: number;
}

export interface FaultResult {
	fault: string;
	expected: number;
	received: number;
	lost: number;
	duplicates: number;
	stuckDeployments: number;
	orphanProcesses: number;
	/** Product processes that died by themselves during the fault. */
	crashedProcesses: number;
	deployments: number;
	durationMs: number;
	notes: string[];
}

export const countDeliveries = (expectedIds: string[], received: ReceivedWebhook[]) => {
	const expected = new Set(expectedIds);
	const delivered = new Map<string, number>();
	for (const request of received) {
		if (request.status < 200 || request.status >= 300 || !expected.has(request.id)) continue;
		delivered.set(request.id, (delivered.get(request.id) ?? 0) + 1);
	}
	let duplicates = 0;
	for (const count of delivered.values()) duplicates += count - 1;
	return { received: delivered.size, lost: expected.size - delivered.size, duplicates };
};

/** Deployments that did not end as the fault allows, each with exactly one terminal event. */
export const stuckDeployments = (
	outcomes: DeploymentOutcome[],
	allowed: (outcome: DeploymentOutcome) => boolean,
) =>
	outcomes.filter(
		(outcome) =>
			outcome.status === null ||
			outcome.status === "running" ||
			!allowed(outcome) ||
			outcome.terminalPerWebhook.some((count) => count !== 1),
	);

/** A line for the results: what a stuck deployment ended as, so a failed run says why. */
export const describeStuck = (outcome: DeploymentOutcome) =>
	`deployment ${outcome.deploymentId}: ${outcome.status ?? "no row"}` +
	(outcome.cancelReason ? ` (${outcome.cancelReason})` : "") +
	`, terminal events per webhook ${JSON.stringify([...new Set(outcome.terminalPerWebhook)])}`;

/** Processes whose environment names one of these deployments: builds that outlived the test. */
export const countOrphanBuilds = (deploymentIds: string[]) => {
	const wanted = new Set(deploymentIds.map((id) => `DOKPLOY_DEPLOYMENT_ID=${id}`));
	let count = 0;
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
			if (environ.some((line) => wanted.has(line))) count++;
		} catch {
			// Gone, or not ours to read.
		}
	}
	return count;
};
