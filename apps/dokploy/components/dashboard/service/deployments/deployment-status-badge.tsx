import type { DeploymentStatus } from "@dokploy/server/lifecycle/types";
import { Loader2 } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

const variants: Record<DeploymentStatus | "queued", BadgeVariant> = {
	queued: "default",
	running: "info",
	done: "success",
	error: "danger",
	cancelled: "warning",
};

export const DeploymentStatusBadge = ({ status }: { status: DeploymentStatus | "queued" }) => {
	const { t } = useTranslation("common");
	return (
		<Badge variant={variants[status]} data-testid="deployment-status" data-status={status}>
			{status === "running" ? <Loader2 className="me-1 h-3 w-3 animate-spin" /> : null}
			{t(`deployments.status.${status}`)}
		</Badge>
	);
};
