/**
 * The service's webhooks: name and host, template, events, the on/off switch, the last delivery
 * and, for a webhook the system turned off, why and "Enable again". Each row has its actions.
 */
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import { Send } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { ActionsCell, DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { TableCell, TableRow } from "@/components/ui/table";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { eventKey, formatRelativeTime, urlHost } from "./format";
import { TemplateIcon } from "./template-icon";
import type { WebhookListItem } from "./use-webhooks";
import { WebhookRowMenu } from "./webhook-row-menu";

export interface WebhookRowActions {
	onToggle: (webhook: WebhookListItem, enabled: boolean) => void;
	onEdit: (webhook: WebhookListItem) => void;
	onDelete: (webhook: WebhookListItem) => void;
	onTest: (webhook: WebhookListItem) => void;
	onShowDeliveries: (webhook: WebhookListItem) => void;
}

export const WebhookList = ({
	webhooks,
	selectedId,
	testingId,
	locale,
	actions,
}: {
	webhooks: WebhookListItem[];
	selectedId: string | null;
	testingId: string | null;
	locale: string;
	actions: WebhookRowActions;
}) => {
	const { t } = useTranslation("webhook");
	return (
		<DataTable
			columns={[
				t("list.name"),
				t("list.template"),
				t("list.events"),
				t("list.enabled"),
				t("list.lastDelivery"),
			]}
			actionsLabel={t("list.actions")}
		>
			{webhooks.map((webhook) => (
				<TableRow
					key={webhook.webhookId}
					data-testid="webhook-row"
					data-webhook-id={webhook.webhookId}
					data-selected={webhook.webhookId === selectedId}
					className={webhook.webhookId === selectedId ? "bg-muted/50" : undefined}
				>
					<TableCell>
						<div className="font-medium">{webhook.name}</div>
						<div className="font-mono text-xs text-muted-foreground" dir="ltr">
							{urlHost(webhook.url)}
						</div>
						{webhook.disabledReason ? (
							<div className="mt-1 flex flex-wrap items-center gap-2">
								<span className="text-xs text-destructive" data-testid="webhook-disabled-reason">
									{t("list.disabledReason", { reason: webhook.disabledReason })}
								</span>
								<Button
									variant="outline"
									size="sm"
									onClick={() => actions.onToggle(webhook, true)}
									data-testid="enable-again"
								>
									{t("list.enableAgain")}
								</Button>
							</div>
						) : null}
					</TableCell>
					<TableCell>
						<span className="flex items-center gap-2 text-sm" data-testid="webhook-template">
							<TemplateIcon type={webhook.templateType} />
							{t(`templates.${webhook.templateType}`)}
						</span>
					</TableCell>
					<TableCell>
						<div className="flex flex-wrap gap-1">
							{deploymentEventNames
								.filter((event) => webhook.events.includes(event))
								.map((event) => (
									<Badge key={event}>{t(`events.${eventKey(event)}`)}</Badge>
								))}
						</div>
					</TableCell>
					<TableCell>
						<Switch
							checked={webhook.enabled}
							onCheckedChange={(enabled) => actions.onToggle(webhook, enabled)}
							aria-label={t("list.toggle", { name: webhook.name })}
							data-testid="webhook-toggle"
						/>
					</TableCell>
					<TableCell>
						{webhook.lastDelivery ? (
							<div className="flex flex-col items-start gap-1">
								<DeliveryStatusBadge
									status={webhook.lastDelivery.status}
									attemptCount={webhook.lastDelivery.attemptCount}
								/>
								<time
									className="text-xs text-muted-foreground"
									dateTime={webhook.lastDelivery.createdAt}
									title={webhook.lastDelivery.createdAt}
								>
									{formatRelativeTime(webhook.lastDelivery.createdAt, locale)}
								</time>
							</div>
						) : (
							<span className="text-xs text-muted-foreground">{t("list.noDeliveries")}</span>
						)}
					</TableCell>
					<ActionsCell>
						<Button
							variant="outline"
							size="sm"
							onClick={() => actions.onTest(webhook)}
							disabled={testingId === webhook.webhookId}
							data-testid="send-test"
						>
							<Send className="h-4 w-4 rtl:-scale-x-100" />
							{t("list.sendTest")}
						</Button>
						<Button
							variant="outline"
							size="sm"
							onClick={() => actions.onShowDeliveries(webhook)}
							data-testid="show-deliveries"
						>
							{t("list.deliveries")}
						</Button>
						<WebhookRowMenu webhook={webhook} actions={actions} />
					</ActionsCell>
				</TableRow>
			))}
		</DataTable>
	);
};
