import { applicationRouter } from "./routers/application";
import { composeRouter } from "./routers/compose";
import { deploymentRouter } from "./routers/deployment";
import { organizationRouter } from "./routers/organization";
import { projectRouter } from "./routers/project";
import { webhookRouter } from "./routers/webhook";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
	project: projectRouter,
	application: applicationRouter,
	compose: composeRouter,
	deployment: deploymentRouter,
	organization: organizationRouter,
	webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls (tests, getServerSideProps) with an explicit caller context. */
export const createCaller = createCallerFactory(appRouter);
