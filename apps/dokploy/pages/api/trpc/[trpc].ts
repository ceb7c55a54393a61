import { createApiHandler } from "@/server/api/http-handler";
import { appRouter } from "@/server/api/root";

export default createApiHandler(appRouter);
