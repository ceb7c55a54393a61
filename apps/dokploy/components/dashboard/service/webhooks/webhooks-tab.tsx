/**
 * The Webhooks tab of an application or compose service. Owners and admins manage webhooks here;
 * members learn why they cannot and whom to ask. Below the list, the chosen webhook's figures and
 * deliveries; "How to verify" closes the tab.
 */
import { Plus, Webhook } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toaster";
import { intlLocale } from "@/lib/languages";
import { isAdmin } from "@/lib/roles";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceTabProps } from "../tab-props";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { DeliveriesPanel, DeliveriesSkeleton } from "./deliveries-panel";
import { MemberNotice } from "./member-notice";
import { useSendTest } from "./use-send-test";
import { useRefreshWebhooks, useServiceWebhooks, type WebhookListItem } from "./use-webhooks";
import { VerifyHelp } from "./verify-help";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { WebhookList } from "./webhook-list";
import { WebhookStats } from "./webhook-stats";

export const WebhooksTab = (props: ServiceTabProps) =>
	isAdmin(props.role) ? <WebhookManagement {...props} /> : <MemberNotice />;

const WebhookManagement = ({ serviceType, serviceId }: ServiceTabProps) => {
	const { t, i18n } = useTranslation("webhook");
	const locale = intlLocale(i18n.language);
	const serviceKey = { serviceType, serviceId };
	const webhooks = useServiceWebhooks(serviceKey);
	const refresh = useRefreshWebhooks();
	const showError = useErrorToast();
	const [formOpen, setFormOpen] = useState(false);
	const [editing, setEditing] = useState<WebhookListItem | undefined>(undefined);
	const [deleting, setDeleting] = useState<WebhookListItem | null>(null);
	const [selectedId, setSelectedId] = useState<string | null>(null);
	const [expandedDeliveryId, setExpandedDeliveryId] = useState<string | null>(null);

	const list = webhooks.data ?? [];
	const selected = list.find((webhook) => webhook.webhookId === selectedId) ?? list[0] ?? null;

	const showDeliveries = (webhook: WebhookListItem, deliveryId: string | null = null) => {
		setSelectedId(webhook.webhookId);
		setExpandedDeliveryId(deliveryId);
		document.getElementById("webhook-deliveries")?.scrollIntoView({ behavior: "smooth" });
	};
	const sendTest = useSendTest(locale, showDeliveries);
	const toggle = api.webhook.toggle.useMutation({
		onSuccess: async (webhook) => {
			toast.success(
				t(webhook.enabled ? "list.enabledToast" : "list.disabledToast", { name: webhook.name }),
			);
			await refresh();
		},
		onError: showError,
	});

	const openForm = (webhook?: WebhookListItem) => {
		setEditing(webhook);
		setFormOpen(true);
	};

	return (
		<div className="flex flex-col gap-6" data-testid="webhooks-tab">
			<Card>
				<CardHeader className="flex-row items-start justify-between gap-4">
					<div className="flex flex-col gap-1">
						<CardTitle>{t("management.title")}</CardTitle>
						<CardDescription>{t("management.description")}</CardDescription>
					</div>
					<Button onClick={() => openForm()} data-testid="add-webhook">
						<Plus className="h-4 w-4" />
						{t("management.add")}
					</Button>
				</CardHeader>
				<CardContent>
					{webhooks.isPending ? (
						<DeliveriesSkeleton />
					) : webhooks.isError ? (
						<p role="alert" className="text-sm text-destructive" data-testid="webhooks-error">
							{t("management.loadError", { message: webhooks.error.message })}
						</p>
					) : list.length === 0 ? (
						<div
							className="flex flex-col items-center gap-2 py-10 text-center"
							data-testid="webhooks-empty"
						>
							<Webhook className="h-8 w-8 text-muted-foreground" />
							<p className="font-medium">{t("management.emptyTitle")}</p>
							<p className="max-w-md text-sm text-muted-foreground">
								{t("management.emptyDescription")}
							</p>
						</div>
					) : (
						<WebhookList
							webhooks={list}
							selectedId={selected?.webhookId ?? null}
							testingId={sendTest.testingId}
							locale={locale}
							actions={{
								onToggle: (webhook, enabled) =>
									toggle.mutate({ webhookId: webhook.webhookId, enabled }),
								onEdit: openForm,
								onDelete: setDeleting,
								onTest: sendTest.send,
								onShowDeliveries: (webhook) => showDeliveries(webhook),
							}}
						/>
					)}
				</CardContent>
			</Card>
			{selected ? (
				<Card id="webhook-deliveries">
					<CardHeader>
						<CardTitle>{t("deliveries.title", { name: selected.name })}</CardTitle>
						<CardDescription>{t("deliveries.description")}</CardDescription>
					</CardHeader>
					<CardContent className="flex flex-col gap-6">
						<WebhookStats webhookId={selected.webhookId} locale={locale} />
						<DeliveriesPanel
							key={selected.webhookId}
							webhookId={selected.webhookId}
							expandedId={expandedDeliveryId}
							onExpandedChange={setExpandedDeliveryId}
							locale={locale}
						/>
					</CardContent>
				</Card>
			) : null}
			<VerifyHelp />
			<WebhookFormDialog
				serviceKey={serviceKey}
				webhook={editing}
				open={formOpen}
				onOpenChange={setFormOpen}
				locale={locale}
			/>
			<DeleteWebhookDialog
				webhook={deleting}
				onClose={() => setDeleting(null)}
				onDeleted={(id) => {
					if (id === selectedId) setSelectedId(null);
				}}
			/>
		</div>
	);
};
