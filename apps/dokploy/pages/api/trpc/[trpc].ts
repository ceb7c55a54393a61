import { createApiHandler } from "@/server/api/http-handler";
import { appRouter } from "@/server/api/root";

export default createApiHandler(appRouter);

/**
 * tRPC reads the body itself: Next's parser would answer a malformed one with plain-text
 * "Invalid JSON" instead of the tRPC error envelope. The size bound moves to
 * http-handler.ts.
 */
export const config = { api: { bodyParser: false } };
