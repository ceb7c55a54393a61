/**
 * Follows a deployment's log by polling `deployment.log` with a byte offset: each answer
 * carries the next offset, so only new output crosses the network. While the deployment runs
 * it polls every 2 s; once it has finished, it reads until the log is drained and stops.
 */
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/trpc";

const POLL_INTERVAL_MS = 2_000;
/** The browser keeps the newest 2 MB; a runaway build must not freeze the tab. */
const MAX_KEPT_CHARS = 2 * 1024 * 1024;

export interface LogStream {
	text: string;
	truncated: boolean;
	error: string | null;
	following: boolean;
}

export const useLogStream = (deploymentId: string | null, running: boolean): LogStream => {
	const client = api.useUtils().client;
	const [stream, setStream] = useState<LogStream>({
		text: "",
		truncated: false,
		error: null,
		following: false,
	});
	const runningRef = useRef(running);
	runningRef.current = running;

	useEffect(() => {
		if (!deploymentId) return;
		let stopped = false;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let offset = 0;
		setStream({ text: "", truncated: false, error: null, following: true });

		const poll = async () => {
			try {
				const chunk = await client.deployment.log.query({ deploymentId, offset });
				if (stopped) return;
				const gotOutput = chunk.nextOffset > offset;
				offset = chunk.nextOffset;
				if (gotOutput) {
					setStream((previous) => {
						const combined = previous.text + chunk.text;
						const overflow = combined.length > MAX_KEPT_CHARS;
						return {
							...previous,
							text: overflow ? combined.slice(-MAX_KEPT_CHARS) : combined,
							truncated: previous.truncated || overflow,
							error: null,
						};
					});
				}
				const keepFollowing = gotOutput || runningRef.current;
				setStream((previous) => ({ ...previous, following: keepFollowing }));
				// A full chunk means more is waiting: read it at once rather than in 2 s.
				if (keepFollowing) timer = setTimeout(poll, gotOutput ? 0 : POLL_INTERVAL_MS);
			} catch (error) {
				if (stopped) return;
				setStream((previous) => ({
					...previous,
					error: error instanceof Error ? error.message : String(error),
				}));
				timer = setTimeout(poll, POLL_INTERVAL_MS);
			}
		};
		void poll();
		return () => {
			stopped = true;
			clearTimeout(timer);
		};
	}, [deploymentId, client]);

	return stream;
};
