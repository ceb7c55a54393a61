import { open } from "node:fs/promises";
import { findDeploymentById } from "../services/deployment";

const CHUNK = 256 * 1024;

/** Reads a deployment's log from `offset`, at most 256 KB at a time, for polling viewers. */
export const readDeploymentLog = async (deploymentId: string, offset = 0) => {
	const { logPath } = await findDeploymentById(deploymentId);
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(logPath, "r");
		const buffer = Buffer.alloc(CHUNK);
		const { bytesRead } = await handle.read(buffer, 0, CHUNK, Math.max(0, offset));
		return { text: buffer.subarray(0, bytesRead).toString("utf8"), nextOffset: offset + bytesRead };
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return { text: "", nextOffset: offset };
		throw error;
	} finally {
		await handle?.close();
	}
};
