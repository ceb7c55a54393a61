/** Whether a process still exists: signal 0 delivers nothing, it only asks. */
export const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};
