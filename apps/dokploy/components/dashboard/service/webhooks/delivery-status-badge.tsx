/** A delivery's status as the admin reads it: Pending, "Retrying (n/3)", Succeeded, Failed. */
import type { WebhookDeliveryStatus } from "@dokploy/server/db/schema/webhook-api";
import { retryDelaysMs } from "@dokploy/server/webhooks/retry-policy";
import { Loader2 } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

const variants: Record<WebhookDeliveryStatus, BadgeVariant> = {
	pending: "info",
	retrying: "warning",
	success: "success",
	failed: "danger",
};

/** Retries after the first attempt: "Retrying (1/3)" is the first of them, waiting. */
const MAX_RETRIES = retryDelaysMs.length;

export const DeliveryStatusBadge = ({
	status,
	attemptCount,
}: {
	status: WebhookDeliveryStatus;
	attemptCount: number;
}) => {
	const { t } = useTranslation("webhook");
	const label =
		status === "retrying"
			? t("deliveries.retrying", { attempt: Math.min(attemptCount, MAX_RETRIES), max: MAX_RETRIES })
			: t(`deliveries.${status}`);
	return (
		<Badge
			variant={variants[status]}
			className="whitespace-nowrap"
			data-testid="delivery-status"
			data-status={status}
		>
			{status === "pending" ? <Loader2 className="me-1 h-3 w-3 animate-spin" /> : null}
			{label}
		</Badge>
	);
};
