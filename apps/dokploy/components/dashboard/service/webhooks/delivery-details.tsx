/** One delivery opened: each attempt (time, status, duration, outcome, error, response), and the exact signed body. */
import { useTranslation } from "next-i18next/pages";
import { formatDateTime, formatMilliseconds } from "./format";
import type { DeliveryRow } from "./use-webhooks";

const prettyBody = (body: string) => {
	try {
		return JSON.stringify(JSON.parse(body), null, 2);
	} catch {
		return body;
	}
};

export const DeliveryDetails = ({
	delivery,
	locale,
}: {
	delivery: DeliveryRow;
	locale: string;
}) => {
	const { t } = useTranslation("webhook");
	return (
		// w-0 + min-w-full: long bodies scroll inside the row instead of widening the table.
		<div className="flex w-0 min-w-full flex-col gap-4 py-2" data-testid="delivery-details">
			<p className="font-mono text-xs text-muted-foreground" dir="ltr">
				{t("deliveries.deliveryId", { id: delivery.idempotencyKey })}
			</p>
			{delivery.statusDetail ? <p className="text-xs">{delivery.statusDetail}</p> : null}
			<section className="flex flex-col gap-2">
				<h4 className="text-sm font-medium">{t("deliveries.attempts")}</h4>
				{delivery.attempts.length === 0 ? (
					<p className="text-xs text-muted-foreground">{t("deliveries.noAttempts")}</p>
				) : (
					<ol className="flex flex-col gap-2" data-testid="delivery-attempts">
						{delivery.attempts.map((attempt) => (
							<li
								key={attempt.number}
								className="rounded border p-2 text-xs"
								data-testid="delivery-attempt"
							>
								<div className="flex flex-wrap items-center gap-x-4 gap-y-1">
									<span className="font-medium">
										{t("deliveries.attempt", { number: attempt.number })}
									</span>
									<time dateTime={attempt.at}>{formatDateTime(attempt.at, locale)}</time>
									<span dir="ltr">
										{attempt.httpStatus === null ? "—" : `HTTP ${attempt.httpStatus}`}
									</span>
									<span>{formatMilliseconds(attempt.durationMs, locale)}</span>
									<span>{t(`deliveries.outcomes.${attempt.outcome}`)}</span>
								</div>
								{attempt.error ? (
									<p className="mt-1 text-destructive">
										{t("deliveries.error")}: {attempt.error}
									</p>
								) : null}
								<p className="mt-1 text-muted-foreground">{t("deliveries.response")}</p>
								<pre className="max-h-32 overflow-auto rounded bg-muted p-1 font-mono" dir="ltr">
									{attempt.responseExcerpt || t("deliveries.noResponse")}
								</pre>
							</li>
						))}
					</ol>
				)}
			</section>
			<section className="flex flex-col gap-1">
				<h4 className="text-sm font-medium">{t("deliveries.body")}</h4>
				<pre
					className="max-h-64 overflow-auto rounded bg-muted p-2 font-mono text-xs"
					dir="ltr"
					data-testid="delivery-body"
				>
					{prettyBody(delivery.body)}
				</pre>
			</section>
		</div>
	);
};
