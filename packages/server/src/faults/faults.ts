/**
 * The six faults of issue 9, each against its own services and webhooks, with the product's
 * workers started for it and stopped after it. `events` sizes the bursts; the outages are the
 * issue's (20 s, 60 s) in the full run and shorter in the small one.
 */
import { INTERRUPTED_REASON, NEVER_STARTED_REASON } from "../deployments/recovery";
import type { DeploymentOutcome } from "./checks";
import { startWorkers, type Workers } from "./product";
import { createScenario, type Scenario, sleep, waitUntil } from "./scenario";

interface FaultContext {
	events: number;
	/** Outage lengths in ms: the figures in the full run, shorter in the small one. */
	outage: { redisShort: number; redisLong: number; receiver: number };
	workerEnv: (extra?: Record<string, string>) => NodeJS.ProcessEnv;
	receiver: {
		url: string;
		received: { id: string; status: number }[];
		setFailing: (f: boolean) => void;
	};
	redis: { stop: () => Promise<void>; start: () => Promise<void> };
	postgres: { restart: () => void };
}

export interface Fault {
	name: string;
	/** The status each deployment may end in. */
	allowed: (outcome: DeploymentOutcome) => boolean;
	run: (context: FaultContext) => Promise<{ scenario: Scenario; workers: Workers[] }>;
}

const done = (outcome: DeploymentOutcome) => outcome.status === "done";
/** Built to the end, or cancelled with the reason recovery gives a dead worker's deployment. */
const doneOrInterrupted = (outcome: DeploymentOutcome) =>
	outcome.status === "done" ||
	(outcome.status === "cancelled" &&
		(outcome.cancelReason === INTERRUPTED_REASON || outcome.cancelReason === NEVER_STARTED_REASON));

const WEBHOOKS_PER_SERVICE = 25;
/** A deployment emits started and a terminal event to each webhook of its service. */
const burstDeployments = (events: number) =>
	Math.max(1, Math.round(events / (2 * WEBHOOKS_PER_SERVICE)));

/** The requests a burst of `count` deployments makes: started and done, to every webhook. */
const burstRequests = (count: number) => count * 2 * WEBHOOKS_PER_SERVICE;

const receivedOk = (context: FaultContext) =>
	context.receiver.received.filter((request) => request.status === 200).length;

const burst = async (context: FaultContext, buildCommand = "true") => {
	const count = burstDeployments(context.events);
	const scenario = await createScenario({
		services: Math.min(20, count),
		webhooksPerService: WEBHOOKS_PER_SERVICE,
		buildCommand,
		receiverUrl: context.receiver.url,
	});
	return { scenario, count };
};

/**
 * Waits until `count` requests have been answered since `base` (the count when the burst
 * began), or the whole burst (`total`) has: on a quick machine a burst can be over before a
 * fault's later step, which then comes after it instead of waiting for requests that never come.
 */
const untilReceived = async (context: FaultContext, base: number, count: number, total: number) => {
	const target = base + Math.min(count, total);
	await waitUntil(
		`${count} requests of the burst`,
		async () => receivedOk(context) >= target,
		600_000,
	);
};

const lanes = (context: FaultContext) => Math.max(10, Math.round(context.events / 100));

/** Few services with few webhooks each: for faults that hit deployments, not delivery volume. */
const laneScenario = (context: FaultContext, buildCommand: string) =>
	createScenario({
		services: lanes(context),
		webhooksPerService: 5,
		buildCommand,
		receiverUrl: context.receiver.url,
	});

const twoWorkerProcesses = async (context: FaultContext) => [
	await startWorkers(context.workerEnv()),
	await startWorkers(context.workerEnv()),
];

export const faults: Fault[] = [
	{
		name: "kill -9 of a worker process, twice, during a burst",
		// The killed process's deployments (building, or taken and waiting for their lane) end
		// cancelled with their reason and one terminal event; the others are built to the end.
		allowed: doneOrInterrupted,
		run: async (context) => {
			const { scenario, count } = await burst(context);
			const workers = await twoWorkerProcesses(context);
			const base = receivedOk(context);
			await scenario.deploy(count);
			for (const victim of [0, 1]) {
				// The first kill a quarter into the burst, the second halfway.
				const share = Math.round((context.events / 4) * (victim + 1));
				await untilReceived(context, base, share, burstRequests(count));
				await workers[victim]!.kill();
				workers[victim] = await startWorkers(context.workerEnv());
			}
			return { scenario, workers };
		},
	},
	{
		name: "Redis stopped while deployments start and finish",
		allowed: done,
		run: async (context) => {
			const scenario = await laneScenario(context, "sleep 2");
			const workers = [await startWorkers(context.workerEnv())];
			await scenario.deploy(lanes(context) * 2);
			await sleep(1_000);
			await context.redis.stop();
			await sleep(context.outage.redisShort);
			await context.redis.start();
			return { scenario, workers };
		},
	},
	{
		name: "PostgreSQL restarted while deliveries are under way",
		allowed: done,
		run: async (context) => {
			const { scenario, count } = await burst(context);
			const workers = [await startWorkers(context.workerEnv())];
			const base = receivedOk(context);
			await scenario.deploy(count);
			await untilReceived(context, base, Math.round(context.events / 3), burstRequests(count));
			context.postgres.restart();
			return { scenario, workers };
		},
	},
	{
		name: "the receiver answers 500, then recovers, during a burst",
		allowed: done,
		run: async (context) => {
			const { scenario, count } = await burst(context);
			// The third attempt comes 1.5 outages after the first, so every delivery outlives it.
			const retryScale = String(context.outage.receiver / 100_000);
			const workers = [await startWorkers(context.workerEnv({ WEBHOOK_RETRY_SCALE: retryScale }))];
			context.receiver.setFailing(true);
			await scenario.deploy(count);
			await sleep(context.outage.receiver);
			context.receiver.setFailing(false);
			return { scenario, workers };
		},
	},
	{
		name: "the whole product killed and restarted while builds are running",
		allowed: doneOrInterrupted,
		run: async (context) => {
			const scenario = await laneScenario(context, "sleep 5");
			let workers = await twoWorkerProcesses(context);
			await scenario.deploy(lanes(context) * 2);
			await waitUntil(
				"builds to run",
				async () => (await scenario.outcomes()).filter((o) => o.status === "running").length >= 4,
				120_000,
			);
			for (const process of workers) await process.kill();
			workers = await twoWorkerProcesses(context);
			return { scenario, workers };
		},
	},
	{
		name: "Redis stopped while deploy requests keep arriving",
		allowed: done,
		run: async (context) => {
			const scenario = await laneScenario(context, "true");
			const workers = [await startWorkers(context.workerEnv())];
			await context.redis.stop();
			const requests = lanes(context) * 2;
			const gap = context.outage.redisLong / (requests + 1);
			const accepted: Promise<string[]>[] = [];
			for (let i = 0; i < requests; i++) {
				accepted.push(scenario.deploy(1));
				await sleep(gap);
			}
			await context.redis.start();
			await Promise.all(accepted);
			return { scenario, workers };
		},
	},
];
