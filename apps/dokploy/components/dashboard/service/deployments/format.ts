/** Dates and durations in the reader's language. */
export const formatDateTime = (iso: string, locale: string) =>
	new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(
		new Date(iso),
	);

export const formatDuration = (startIso: string, endIso: string | null, now = Date.now()) => {
	const end = endIso ? new Date(endIso).getTime() : now;
	const seconds = Math.max(0, Math.round((end - new Date(startIso).getTime()) / 1000));
	const minutes = Math.floor(seconds / 60);
	return minutes > 0 ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
};
