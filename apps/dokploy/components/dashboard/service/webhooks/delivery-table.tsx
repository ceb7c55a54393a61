/** The deliveries of one webhook as rows that open to their details, each with "Redeliver". */
import { ChevronDown, RotateCw } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Fragment } from "react";
import { ActionsCell, DataTable } from "@/components/shared/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TableCell, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { DeliveryDetails } from "./delivery-details";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { eventKey, formatDateTime, formatMilliseconds, formatRelativeTime } from "./format";
import type { DeliveryRow } from "./use-webhooks";

export const DeliveryTable = ({
	deliveries,
	expandedId,
	onToggleExpanded,
	onRedeliver,
	redeliveringId,
	locale,
}: {
	deliveries: DeliveryRow[];
	expandedId: string | null;
	onToggleExpanded: (deliveryId: string) => void;
	onRedeliver: (delivery: DeliveryRow) => void;
	redeliveringId: string | null;
	locale: string;
}) => {
	const { t } = useTranslation("webhook");
	return (
		<DataTable
			columns={[
				t("deliveries.status"),
				t("deliveries.event"),
				t("deliveries.httpStatus"),
				t("deliveries.responseTime"),
				t("deliveries.time"),
				t("deliveries.nextAttempt"),
			]}
			actionsLabel={t("list.actions")}
		>
			{deliveries.map((delivery) => {
				const expanded = delivery.deliveryId === expandedId;
				const open = delivery.status === "pending" || delivery.status === "retrying";
				return (
					<Fragment key={delivery.deliveryId}>
						<TableRow
							data-testid="delivery-row"
							data-delivery-id={delivery.deliveryId}
							data-status={delivery.status}
						>
							<TableCell>
								<div className="flex flex-wrap items-center gap-1">
									<DeliveryStatusBadge
										status={delivery.status}
										attemptCount={delivery.attemptCount}
									/>
									{delivery.isTest ? <Badge>{t("deliveries.testBadge")}</Badge> : null}
									{delivery.redeliveryOf ? <Badge>{t("deliveries.redeliveryBadge")}</Badge> : null}
								</div>
							</TableCell>
							<TableCell>{t(`events.${eventKey(delivery.event)}`)}</TableCell>
							<TableCell>{delivery.lastHttpStatus ?? "—"}</TableCell>
							<TableCell>
								{delivery.lastDurationMs === null
									? "—"
									: formatMilliseconds(delivery.lastDurationMs, locale)}
							</TableCell>
							<TableCell>
								<time
									dateTime={delivery.createdAt}
									title={formatDateTime(delivery.createdAt, locale)}
								>
									{formatRelativeTime(delivery.createdAt, locale)}
								</time>
							</TableCell>
							<TableCell>
								{open && delivery.nextAttemptAt ? (
									<time
										dateTime={delivery.nextAttemptAt}
										title={formatDateTime(delivery.nextAttemptAt, locale)}
									>
										{formatRelativeTime(delivery.nextAttemptAt, locale)}
									</time>
								) : (
									"—"
								)}
							</TableCell>
							<ActionsCell>
								<Button
									variant="outline"
									size="sm"
									disabled={open || redeliveringId === delivery.deliveryId}
									onClick={() => onRedeliver(delivery)}
									data-testid="redeliver"
								>
									<RotateCw className="h-4 w-4" />
									{t("deliveries.redeliver")}
								</Button>
								<Button
									variant="ghost"
									size="icon"
									aria-expanded={expanded}
									aria-label={expanded ? t("deliveries.collapse") : t("deliveries.expand")}
									onClick={() => onToggleExpanded(delivery.deliveryId)}
									data-testid="expand-delivery"
								>
									<ChevronDown
										className={cn("h-4 w-4 transition-transform", expanded && "rotate-180")}
									/>
								</Button>
							</ActionsCell>
						</TableRow>
						{expanded ? (
							<TableRow data-testid="delivery-expanded">
								<TableCell colSpan={7}>
									<DeliveryDetails delivery={delivery} locale={locale} />
								</TableCell>
							</TableRow>
						) : null}
					</Fragment>
				);
			})}
		</DataTable>
	);
};
