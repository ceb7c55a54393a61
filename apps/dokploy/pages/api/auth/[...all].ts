import { getAuth } from "@dokploy/server/auth/auth";
import { toNodeHandler } from "better-auth/node";
import type { NextApiRequest, NextApiResponse } from "next";

// better-auth reads the raw request body itself.
export const config = { api: { bodyParser: false } };

/** Created on the first request, so that `next build` never opens the database. */
export default function authHandler(req: NextApiRequest, res: NextApiResponse) {
	return toNodeHandler(getAuth().handler)(req, res);
}
