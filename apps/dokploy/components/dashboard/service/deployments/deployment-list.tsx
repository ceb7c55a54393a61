import { FileText } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { ActionsCell, DataTable } from "@/components/shared/data-table";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc";
import { CancelDeploymentButton, useCancelDeployment } from "./cancel-deployment";
import { DeploymentStatusBadge } from "./deployment-status-badge";
import { formatDateTime, formatDuration } from "./format";

export type DeploymentRow = RouterOutputs["deployment"]["all"][number];

const source = (deployment: DeploymentRow) =>
	[deployment.branch, deployment.commitHash?.slice(0, 7)].filter(Boolean).join(" @ ");

export const DeploymentList = ({
	deployments,
	locale,
	onShowLog,
	onChange,
}: {
	deployments: DeploymentRow[];
	locale: string;
	onShowLog: (deployment: DeploymentRow) => void;
	onChange: () => Promise<unknown>;
}) => {
	const { t } = useTranslation("common");
	const cancel = useCancelDeployment(t("deployments.cancelledRunning"), onChange);

	if (deployments.length === 0) {
		return (
			<p className="text-sm text-muted-foreground" data-testid="deployments-empty">
				{t("deployments.empty")}
			</p>
		);
	}
	return (
		<DataTable
			columns={[
				t("deployments.columns.status"),
				t("deployments.columns.title"),
				t("deployments.columns.trigger"),
				t("deployments.columns.started"),
				t("deployments.columns.duration"),
			]}
			actionsLabel={t("deployments.columns.actions")}
		>
			{deployments.map((deployment) => (
				<TableRow
					key={deployment.deploymentId}
					data-testid="deployment-row"
					data-deployment-id={deployment.deploymentId}
					data-status={deployment.status}
				>
					<TableCell>
						<DeploymentStatusBadge status={deployment.status} />
					</TableCell>
					<TableCell>
						<div>{deployment.title}</div>
						<div className="font-mono text-xs text-muted-foreground">{source(deployment)}</div>
						{deployment.errorMessage ? (
							<div className="text-xs text-destructive" data-testid="deployment-error">
								{deployment.errorMessage}
							</div>
						) : null}
						{deployment.cancelReason ? (
							<div className="text-xs text-muted-foreground">{deployment.cancelReason}</div>
						) : null}
					</TableCell>
					<TableCell className="text-muted-foreground">
						{t(`deployments.trigger.${deployment.triggerType}`)}
					</TableCell>
					<TableCell className="text-muted-foreground">
						{formatDateTime(deployment.startedAt, locale)}
					</TableCell>
					<TableCell className="text-muted-foreground">
						{formatDuration(deployment.startedAt, deployment.finishedAt)}
					</TableCell>
					<ActionsCell>
						<Button
							variant="outline"
							size="sm"
							onClick={() => onShowLog(deployment)}
							data-testid="view-log-button"
						>
							<FileText className="h-4 w-4" />
							{t("deployments.viewLog")}
						</Button>
						{deployment.status === "running" ? (
							<CancelDeploymentButton
								pending={cancel.isPending}
								testId="cancel-deployment-button"
								onClick={() => cancel.mutate({ deploymentId: deployment.deploymentId })}
							/>
						) : null}
					</ActionsCell>
				</TableRow>
			))}
		</DataTable>
	);
};
