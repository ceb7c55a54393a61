import { useTranslation } from "next-i18next/pages";
import { Table, TableBody, TableCell, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc";
import type { ServiceKey } from "../use-service";
import { CancelDeploymentButton, useCancelDeployment } from "./cancel-deployment";
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
	const cancel = useCancelDeployment(t("deployments.cancelledQueued"), onChange);
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
								<CancelDeploymentButton
									pending={cancel.isPending}
									testId="cancel-queued-button"
									onClick={() => cancel.mutate({ ...serviceKey, jobId: job.jobId })}
								/>
							</TableCell>
						</TableRow>
					))}
				</TableBody>
			</Table>
		</div>
	);
};
