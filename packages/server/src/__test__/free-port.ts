import { createServer } from "node:net";

/** A loopback TCP port nobody listens on right now, for servers a test starts itself. */
export const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address === "object") resolve(address.port);
				else reject(new Error("Could not find a free port"));
			});
		});
	});
