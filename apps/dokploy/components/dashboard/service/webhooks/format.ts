/**
 * Times and numbers of the Webhooks tab in the reader's locale, through Intl: relative times
 * ("3 minutes ago", "vor 3 Minuten", "۳ دقیقه پیش"), milliseconds, percentages.
 */
import type { WebhookEvent } from "@dokploy/server/db/schema/webhook-api";

export { formatDateTime } from "../deployments/format";

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
	["year", 365 * 86_400],
	["month", 30 * 86_400],
	["day", 86_400],
	["hour", 3_600],
	["minute", 60],
	["second", 1],
];

export const formatRelativeTime = (iso: string, locale: string, now = Date.now()) => {
	const seconds = Math.round((Date.parse(iso) - now) / 1000);
	const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
	for (const [unit, size] of relativeUnits) {
		if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
	}
	return format.format(0, "second");
};

export const formatMilliseconds = (milliseconds: number, locale: string) =>
	new Intl.NumberFormat(locale, {
		style: "unit",
		unit: "millisecond",
		unitDisplay: "short",
		maximumFractionDigits: 0,
	}).format(milliseconds);

export const formatPercent = (ratio: number, locale: string) =>
	new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);

export const formatNumber = (value: number, locale: string) =>
	new Intl.NumberFormat(locale).format(value);

/** "deployment.success" → "success", the key of its label in the webhook namespace. */
export const eventKey = (event: WebhookEvent | string) => event.replace(/^deployment\./, "");

/** The host of a webhook URL for the list; the whole URL when it does not parse. */
export const urlHost = (url: string) => {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
};
