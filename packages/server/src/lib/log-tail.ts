import { open } from "node:fs/promises";

/**
 * The last `lines` lines of a log file, reading at most `maxBytes` from its end so that a huge
 * build log costs no more than a small one. A missing file yields an empty string.
 */
export const readLogTail = async (filePath: string, lines = 50, maxBytes = 64 * 1024) => {
	let handle: Awaited<ReturnType<typeof open>> | undefined;
	try {
		handle = await open(filePath, "r");
		const { size } = await handle.stat();
		const length = Math.min(size, maxBytes);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		const text = buffer.toString("utf8").replace(/\n$/, "");
		const all = text.split("\n");
		// When we started mid-file the first line is probably cut; drop it unless it is all we have.
		const whole = length < size && all.length > 1 ? all.slice(1) : all;
		return whole.slice(-lines).join("\n");
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
		throw error;
	} finally {
		await handle?.close();
	}
};
