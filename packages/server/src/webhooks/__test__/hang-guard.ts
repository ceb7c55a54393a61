/**
 * Fails a test with a clear message when something that must settle does not, instead of
 * letting it run into the test timeout. A guard against hangs, not a performance assertion.
 */
export const settlesWithin = async <T>(promise: Promise<T>, ms: number, what: string) => {
	let timer: NodeJS.Timeout | undefined;
	const hang = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, hang]);
	} finally {
		clearTimeout(timer);
	}
};
