/**
 * The deliveries of one webhook: filters by status and event, pages, and a refresh every few
 * seconds while any shown delivery is still pending or retrying (then it stops by itself).
 */
import {
	type WebhookDeliveryStatus,
	type WebhookEvent,
	webhookDeliveryStatuses,
} from "@dokploy/server/db/schema/webhook-api";
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { OptionSelect } from "@/components/shared/option-select";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { DeliveryTable } from "./delivery-table";
import { eventKey } from "./format";
import { useRefreshWebhooks } from "./use-webhooks";

const PAGE_SIZE = 10;
const REFRESH_WHILE_OPEN_MS = 2_000;
const ALL = "all";

export const DeliveriesPanel = ({
	webhookId,
	expandedId,
	onExpandedChange,
	locale,
}: {
	webhookId: string;
	expandedId: string | null;
	onExpandedChange: (deliveryId: string | null) => void;
	locale: string;
}) => {
	const { t } = useTranslation("webhook");
	const showError = useErrorToast();
	const refresh = useRefreshWebhooks();
	const [page, setPage] = useState(1);
	const [status, setStatus] = useState<WebhookDeliveryStatus | typeof ALL>(ALL);
	const [event, setEvent] = useState<WebhookEvent | typeof ALL>(ALL);
	const deliveries = api.webhook.getDeliveries.useQuery(
		{
			webhookId,
			page,
			pageSize: PAGE_SIZE,
			...(status === ALL ? {} : { status }),
			...(event === ALL ? {} : { event }),
		},
		{
			refetchInterval: (query) =>
				query.state.data?.items.some(
					(item) => item.status === "pending" || item.status === "retrying",
				)
					? REFRESH_WHILE_OPEN_MS
					: false,
		},
	);
	const redeliver = api.webhook.redeliver.useMutation({
		onSuccess: async () => {
			toast.success(t("deliveries.redelivered"));
			setPage(1);
			await refresh();
		},
		onError: showError,
	});
	const pages = Math.max(1, Math.ceil((deliveries.data?.total ?? 0) / PAGE_SIZE));
	const filtered = status !== ALL || event !== ALL;

	return (
		<div className="flex flex-col gap-3" data-testid="deliveries-panel">
			<div className="grid max-w-md grid-cols-2 gap-2">
				<OptionSelect
					value={status}
					onChange={(next) => {
						setStatus(next);
						setPage(1);
					}}
					label={t("deliveries.filterStatus")}
					testId="filter-status"
					options={[
						{ value: ALL, label: t("deliveries.allStatuses") },
						...webhookDeliveryStatuses.map((value) => ({
							value,
							label: value === "retrying" ? t("deliveries.retryingAny") : t(`deliveries.${value}`),
						})),
					]}
				/>
				<OptionSelect
					value={event}
					onChange={(next) => {
						setEvent(next);
						setPage(1);
					}}
					label={t("deliveries.filterEvent")}
					testId="filter-event"
					options={[
						{ value: ALL, label: t("deliveries.allEvents") },
						...deploymentEventNames.map((value) => ({
							value,
							label: t(`events.${eventKey(value)}`),
						})),
					]}
				/>
			</div>
			{deliveries.isPending ? (
				<DeliveriesSkeleton />
			) : deliveries.isError ? (
				<p role="alert" className="text-sm text-destructive">
					{t("deliveries.loadError", { message: deliveries.error.message })}
				</p>
			) : deliveries.data.items.length === 0 ? (
				<p
					className="py-6 text-center text-sm text-muted-foreground"
					data-testid="deliveries-empty"
				>
					{filtered ? t("deliveries.emptyFiltered") : t("deliveries.empty")}
				</p>
			) : (
				<DeliveryTable
					deliveries={deliveries.data.items}
					expandedId={expandedId}
					onToggleExpanded={(id) => onExpandedChange(id === expandedId ? null : id)}
					onRedeliver={(delivery) => redeliver.mutate({ deliveryId: delivery.deliveryId })}
					redeliveringId={redeliver.isPending ? (redeliver.variables?.deliveryId ?? null) : null}
					locale={locale}
				/>
			)}
			{pages > 1 ? (
				<div className="flex items-center justify-end gap-2 text-sm">
					<Button
						variant="outline"
						size="icon"
						aria-label={t("deliveries.previous")}
						disabled={page <= 1}
						onClick={() => setPage(page - 1)}
					>
						<ChevronLeft className="h-4 w-4 rtl:-scale-x-100" />
					</Button>
					<span>{t("deliveries.page", { page, pages })}</span>
					<Button
						variant="outline"
						size="icon"
						aria-label={t("deliveries.next")}
						disabled={page >= pages}
						onClick={() => setPage(page + 1)}
					>
						<ChevronRight className="h-4 w-4 rtl:-scale-x-100" />
					</Button>
				</div>
			) : null}
		</div>
	);
};

export const DeliveriesSkeleton = () => (
	<div className="flex flex-col gap-2" aria-busy="true" data-testid="deliveries-skeleton">
		{[0, 1, 2].map((row) => (
			<div key={row} className="h-9 animate-pulse rounded bg-muted" />
		))}
	</div>
);
