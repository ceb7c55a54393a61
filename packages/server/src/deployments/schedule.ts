import type { ServiceRef } from "../services/service";
import { deploymentsQueue } from "./queue";

const schedulerId = (ref: ServiceRef) => `schedule:${ref.type}:${ref.id}`;

/**
 * Keeps a service's cron schedule in BullMQ: a job scheduler that adds a `schedule`-triggered
 * deployment job at every tick. Null removes it. Cron syntax is validated by the API schema.
 */
export const syncDeploySchedule = async (ref: ServiceRef, cron: string | null) => {
	const queue = deploymentsQueue();
	if (!cron) {
		await queue.removeJobScheduler(schedulerId(ref));
		return;
	}
	await queue.upsertJobScheduler(
		schedulerId(ref),
		{ pattern: cron },
		{
			name: "deploy",
			data: {
				service: ref,
				trigger: { type: "schedule" },
				title: "Scheduled deployment",
				enqueuedAt: "",
			},
		},
	);
};
