/**
 * next-i18next settings shared by the server (serverSideTranslations) and the browser
 * (appWithTranslation). The locale is not part of the URL: it comes from the DOKPLOY_LOCALE
 * cookie (see lib/locale.ts), so Next's own i18n routing stays off. The list of locales must
 * match lib/languages.ts; a test checks that.
 *
 * @type {import("next-i18next/pages").UserConfig}
 */
const nextI18NextConfig = {
	i18n: {
		defaultLocale: "en",
		locales: [
			"en",
			"es",
			"zh-Hans",
			"zh-Hant",
			"pt-BR",
			"ru",
			"ja",
			"de",
			"ko",
			"fr",
			"tr",
			"it",
			"pl",
			"uk",
			"fa",
			"nl",
			"id",
			"kz",
			"no",
			"az",
			"ml",
		],
	},
	fallbackLng: "en",
	defaultNS: "common",
	// The server passes its resources in the page props; the browser never fetches them, and the
	// server-side locale path must not leak into the HTML.
	serializeConfig: false,
	react: { useSuspense: false },
};

export default nextI18NextConfig;
