import type { NextApiRequest, NextApiResponse } from "next";
import { handleDeployHook } from "@/server/deploy-hook/handle-deploy-hook";

// The hook reads and bounds the body itself, and accepts any content type.
export const config = { api: { bodyParser: false } };

export default function deployHook(req: NextApiRequest, res: NextApiResponse) {
	const token = req.query.refreshToken;
	return handleDeployHook(req, res, typeof token === "string" ? token : undefined);
}
