import { Rocket } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceTabProps } from "../tab-props";
import { useInvalidateService, useServiceMutations } from "../use-service";
import { DeploymentList, type DeploymentRow } from "./deployment-list";
import { LogViewerDialog } from "./log-viewer-dialog";
import { QueuedDeployments } from "./queued-deployments";

/** Statuses change in a worker, so the tab polls; 2 s feels live without loading the server. */
const POLL_INTERVAL_MS = 2_000;

export const DeploymentsTab = ({ serviceType, serviceId }: ServiceTabProps) => {
	const { t, i18n } = useTranslation("common");
	const serviceKey = { serviceType, serviceId };
	const showError = useErrorToast();
	const refresh = useInvalidateService(serviceKey);
	const mutations = useServiceMutations(serviceKey, { onError: showError });
	const polling = { refetchInterval: POLL_INTERVAL_MS, refetchIntervalInBackground: false };
	const deployments = api.deployment.all.useQuery(serviceKey, polling);
	const queued = api.deployment.queued.useQuery(serviceKey, polling);
	const [logOf, setLogOf] = useState<string | null>(null);
	// The dialog follows the row as polling updates it (running → done).
	const logDeployment: DeploymentRow | null =
		deployments.data?.find((row) => row.deploymentId === logOf) ?? null;
	const locale = i18n.language;

	const deploy = async () => {
		const queuedJob = await mutations.deploy().catch(() => null);
		if (!queuedJob) return;
		toast.success(t("deployments.queued"));
		await refresh();
	};

	return (
		<Card>
			<CardHeader className="flex-row items-start justify-between gap-4">
				<div className="flex flex-col gap-1">
					<CardTitle>{t("deployments.title")}</CardTitle>
					<CardDescription>{t("deployments.description")}</CardDescription>
				</div>
				<Button onClick={deploy} disabled={mutations.pending.deploy} data-testid="deploy-button">
					<Rocket className="h-4 w-4" />
					{t("deployments.deploy")}
				</Button>
			</CardHeader>
			<CardContent className="flex flex-col gap-6">
				<QueuedDeployments
					serviceKey={serviceKey}
					queued={queued.data ?? []}
					locale={locale}
					onChange={refresh}
				/>
				{deployments.isPending ? (
					<p className="text-sm text-muted-foreground">{t("loading")}</p>
				) : deployments.isError ? (
					<p className="text-sm text-destructive">{t("errors.generic")}</p>
				) : (
					<DeploymentList
						deployments={deployments.data}
						locale={locale}
						onShowLog={(row) => setLogOf(row.deploymentId)}
						onChange={refresh}
					/>
				)}
			</CardContent>
			<LogViewerDialog deployment={logDeployment} onClose={() => setLogOf(null)} />
		</Card>
	);
};
