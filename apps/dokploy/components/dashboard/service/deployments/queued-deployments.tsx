import { X } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import type { RouterOutputs } from "@/lib/trpc";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceKey } from "../use-service";
import { DeploymentStatusBadge } from "./deployment-status-badge";
import { formatDateTime } from "./format";

type QueuedDeployment = RouterOutputs["deployment"]["queued"][number];

/** Deployments waiting for their turn; each can be taken out of the queue. */
export const QueuedDeployments = ({
	serviceKey,
	queued,
	locale,
	onChange,
}: {
	serviceKey: ServiceKey;
	queued: QueuedDeployment[];
	locale: string;
	onChange: () => Promise<unknown>;
}) => {
	const { t } = useTranslation("common");
	const showError = useErrorToast();
	const cancel = api.deployment.cancel.useMutation({
		onSuccess: async () => {
			toast.success(t("deployments.cancelledQueued"));
			await onChange();
		},
		onError: showError,
	});
	if (queued.length === 0) return null;
	return (
		<div className="flex flex-col gap-2">
			<h3 className="text-sm font-medium">{t("deployments.queuedHeading")}</h3>
			<Table>
				<TableBody>
					{queued.map((job) => (
						<TableRow key={job.jobId} data-testid="queued-deployment-row" data-job-id={job.jobId}>
							<TableCell>
								<DeploymentStatusBadge status="queued" />
							</TableCell>
							<TableCell>{job.title}</TableCell>
							<TableCell className="text-muted-foreground">
								{t(`deployments.trigger.${job.triggerType}`)}
							</TableCell>
							<TableCell className="text-muted-foreground">
								{formatDateTime(job.enqueuedAt, locale)}
							</TableCell>
							<TableCell className="text-end">
								<Button
									variant="outline"
									size="sm"
									disabled={cancel.isPending}
									data-testid="cancel-queued-button"
									onClick={() => cancel.mutate({ ...serviceKey, jobId: job.jobId })}
								>
									<X className="h-4 w-4" />
									{t("actions.cancel")}
								</Button>
							</TableCell>
						</TableRow>
					))}
				</TableBody>
			</Table>
		</div>
	);
};
