/**
 * The locale lives in a cookie rather than in the URL, so every page has one address and a
 * link shared between two people opens in each one's own language.
 */
import { defaultLocale, intlLocale, isLocale, type Locale, languages } from "./languages";

export const LOCALE_COOKIE = "DOKPLOY_LOCALE";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

const readCookie = (cookieHeader: string | undefined, name: string) => {
	for (const part of cookieHeader?.split(";") ?? []) {
		const [key, ...rest] = part.trim().split("=");
		if (key === name) return decodeURIComponent(rest.join("="));
	}
	return undefined;
};

/** "fr-CA,fr;q=0.9,en;q=0.8" → the first supported language, by exact code or by prefix. */
const fromAcceptLanguage = (header: string | undefined): Locale | undefined => {
	for (const entry of header?.split(",") ?? []) {
		const tag = entry.split(";")[0]?.trim().toLowerCase();
		if (!tag) continue;
		// Browsers send standard tags: Kazakh comes as "kk", which Dokploy calls "kz".
		const tags = (language: (typeof languages)[number]) =>
			[language.code, intlLocale(language.code)].map((value) => value.toLowerCase());
		const exact = languages.find((language) => tags(language).includes(tag));
		if (exact) return exact.code;
		const base = tag.split("-")[0];
		const prefix = languages.find((language) =>
			tags(language).some((value) => value.split("-")[0] === base),
		);
		if (prefix) return prefix.code;
	}
	return undefined;
};

/** The cookie wins; without one the browser's preference decides; English otherwise. */
export const resolveLocale = (headers: {
	cookie?: string | undefined;
	"accept-language"?: string | undefined;
}): Locale => {
	const fromCookie = readCookie(headers.cookie, LOCALE_COOKIE);
	if (fromCookie && isLocale(fromCookie)) return fromCookie;
	return fromAcceptLanguage(headers["accept-language"]) ?? defaultLocale;
};

export const localeCookie = (locale: Locale) =>
	`${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
