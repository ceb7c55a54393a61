import { Loader2 } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useEffect, useRef } from "react";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogHeader,
	DialogTitle,
} from "@/components/ui/dialog";
import type { DeploymentRow } from "./deployment-list";
import { DeploymentStatusBadge } from "./deployment-status-badge";
import { useLogStream } from "./use-log-stream";

/** Scrolls to new output only when the reader is already at the bottom. */
const useStickToBottom = (content: string) => {
	const ref = useRef<HTMLPreElement>(null);
	const atBottom = useRef(true);
	useEffect(() => {
		const element = ref.current;
		if (element && atBottom.current && content) element.scrollTop = element.scrollHeight;
	}, [content]);
	const onScroll = () => {
		const element = ref.current;
		if (element) {
			atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
		}
	};
	return { ref, onScroll };
};

export const LogViewerDialog = ({
	deployment,
	onClose,
}: {
	deployment: DeploymentRow | null;
	onClose: () => void;
}) => {
	const { t } = useTranslation("common");
	const log = useLogStream(deployment?.deploymentId ?? null, deployment?.status === "running");
	const scroll = useStickToBottom(log.text);

	return (
		<Dialog open={deployment !== null} onOpenChange={(open) => !open && onClose()}>
			<DialogContent className="max-w-4xl" closeLabel={t("actions.close")}>
				<DialogHeader>
					<DialogTitle className="flex items-center gap-2">
						{t("deployments.logTitle")}
						{deployment ? <DeploymentStatusBadge status={deployment.status} /> : null}
					</DialogTitle>
					<DialogDescription>{deployment?.title}</DialogDescription>
				</DialogHeader>
				{log.truncated ? (
					<p className="text-xs text-muted-foreground">{t("deployments.logTruncated")}</p>
				) : null}
				{log.error ? (
					<p role="alert" className="text-xs text-destructive">
						{t("deployments.logError", { message: log.error })}
					</p>
				) : null}
				<pre
					ref={scroll.ref}
					onScroll={scroll.onScroll}
					data-testid="deployment-log"
					className="h-[60vh] overflow-auto whitespace-pre-wrap break-all rounded-md bg-zinc-950 p-4 font-mono text-xs text-zinc-100"
				>
					{log.text || (log.following ? "" : t("deployments.logEmpty"))}
				</pre>
				{log.following ? (
					<p className="flex items-center gap-2 text-xs text-muted-foreground">
						<Loader2 className="h-3 w-3 animate-spin" />
						{t("deployments.logFollowing")}
					</p>
				) : null}
			</DialogContent>
		</Dialog>
	);
};
