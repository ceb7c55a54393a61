/**
 * A webhook's figures (over the deliveries still kept) and a small chart of the latest ones:
 * one bar per delivery, its height the response time, its colour the outcome. Plain SVG: a
 * chart library would weigh more than this whole tab.
 */
import { useTranslation } from "next-i18next/pages";
import { api, type RouterOutputs } from "@/lib/trpc";
import { formatMilliseconds, formatNumber, formatPercent } from "./format";

type Stats = RouterOutputs["webhook"]["stats"];

const barColour: Record<Stats["recent"][number]["status"], string> = {
	success: "fill-green-500",
	failed: "fill-red-500",
	retrying: "fill-amber-500",
	pending: "fill-blue-400",
};

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
	<div className="rounded-md border p-3">
		<div className="text-xs text-muted-foreground">{label}</div>
		<div className="text-lg font-semibold" data-testid={testId}>
			{value}
		</div>
	</div>
);

const CHART_HEIGHT = 80;
const BAR_WIDTH = 8;
const BAR_GAP = 3;

const DeliveryChart = ({ recent, locale }: { recent: Stats["recent"]; locale: string }) => {
	const { t } = useTranslation("webhook");
	if (recent.length === 0) {
		return <p className="text-xs text-muted-foreground">{t("stats.chartEmpty")}</p>;
	}
	const slowest = Math.max(1, ...recent.map((point) => point.durationMs ?? 0));
	const width = recent.length * (BAR_WIDTH + BAR_GAP);
	return (
		<svg
			role="img"
			aria-label={t("stats.chartDescription")}
			width={width}
			height={CHART_HEIGHT}
			viewBox={`0 0 ${width} ${CHART_HEIGHT}`}
			className="rtl:-scale-x-100"
			data-testid="delivery-chart"
		>
			{recent.map((point, index) => {
				// Deliveries without a response (never attempted, timed out before answering) get a
				// short bar so that their outcome still shows.
				const height = Math.max(4, ((point.durationMs ?? 0) / slowest) * CHART_HEIGHT);
				return (
					<rect
						key={point.deliveryId}
						x={index * (BAR_WIDTH + BAR_GAP)}
						y={CHART_HEIGHT - height}
						width={BAR_WIDTH}
						height={height}
						rx={1}
						className={barColour[point.status]}
					>
						<title>
							{`${t(`deliveries.${point.status === "retrying" ? "retryingAny" : point.status}`)} · ${
								point.durationMs === null ? "—" : formatMilliseconds(point.durationMs, locale)
							}`}
						</title>
					</rect>
				);
			})}
		</svg>
	);
};

export const WebhookStats = ({ webhookId, locale }: { webhookId: string; locale: string }) => {
	const { t } = useTranslation("webhook");
	const stats = api.webhook.stats.useQuery({ webhookId });
	if (stats.isPending) {
		return <div className="h-20 animate-pulse rounded bg-muted" aria-busy="true" />;
	}
	if (stats.isError) {
		return (
			<p role="alert" className="text-sm text-destructive">
				{stats.error.message}
			</p>
		);
	}
	const { data } = stats;
	const finished = data.succeeded + data.failed;
	return (
		<section className="flex flex-col gap-3" data-testid="webhook-stats">
			<div className="flex flex-col gap-1">
				<h4 className="text-sm font-medium">{t("stats.title")}</h4>
				<span className="text-xs text-muted-foreground">{t("stats.description")}</span>
			</div>
			<div className="grid grid-cols-2 gap-2 md:grid-cols-4">
				<Figure
					label={t("stats.total")}
					value={formatNumber(data.total, locale)}
					testId="stats-total"
				/>
				<Figure
					label={t("stats.successRate")}
					value={
						finished === 0 ? t("stats.none") : formatPercent(data.succeeded / finished, locale)
					}
					testId="stats-success-rate"
				/>
				<Figure
					label={t("stats.averageResponse")}
					value={
						data.averageResponseMs === null
							? t("stats.none")
							: formatMilliseconds(data.averageResponseMs, locale)
					}
					testId="stats-average"
				/>
				<Figure
					label={t("stats.retryRate")}
					value={finished === 0 ? t("stats.none") : formatPercent(data.retryRate, locale)}
					testId="stats-retry-rate"
				/>
			</div>
			<div className="flex flex-col gap-1">
				<span className="text-xs font-medium">{t("stats.chartTitle")}</span>
				<span className="text-xs text-muted-foreground">{t("stats.chartDescription")}</span>
				<DeliveryChart recent={data.recent} locale={locale} />
			</div>
		</section>
	);
};
