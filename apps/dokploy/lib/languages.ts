/**
 * The languages of the dashboard (the 21 Dokploy supports), each named in its own language for
 * the switcher. Adding one means a folder under public/locales and an entry in
 * next-i18next.config.js (a test checks that the three agree).
 *
 * `intl` is the BCP 47 tag for Intl and the `lang` attribute where Dokploy's code is not one
 * ("kz" is Kazakh, "kk"); `dir` is the writing direction of the whole document.
 */
export const languages = [
	{ code: "en", name: "English" },
	{ code: "es", name: "Español" },
	{ code: "zh-Hans", name: "简体中文" },
	{ code: "zh-Hant", name: "繁體中文" },
	{ code: "pt-BR", name: "Português (Brasil)" },
	{ code: "ru", name: "Русский" },
	{ code: "ja", name: "日本語" },
	{ code: "de", name: "Deutsch" },
	{ code: "ko", name: "한국어" },
	{ code: "fr", name: "Français" },
	{ code: "tr", name: "Türkçe" },
	{ code: "it", name: "Italiano" },
	{ code: "pl", name: "Polski" },
	{ code: "uk", name: "Українська" },
	{ code: "fa", name: "فارسی", dir: "rtl" },
	{ code: "nl", name: "Nederlands" },
	{ code: "id", name: "Bahasa Indonesia" },
	{ code: "kz", name: "Қазақ тілі", intl: "kk" },
	{ code: "no", name: "Norsk" },
	{ code: "az", name: "Azərbaycan dili" },
	{ code: "ml", name: "മലയാളം" },
] as const satisfies ReadonlyArray<{
	code: string;
	name: string;
	intl?: string;
	dir?: "rtl";
}>;

export type Locale = (typeof languages)[number]["code"];

export const defaultLocale: Locale = "en";

export const isLocale = (value: string): value is Locale =>
	languages.some((language) => language.code === value);

const find = (code: string) => languages.find((language) => language.code === code);

/** The tag for Intl and for `lang`: Dokploy's code, or the standard one where they differ. */
export const intlLocale = (code: string): string => {
	const language = find(code);
	return language && "intl" in language ? language.intl : code;
};

export const textDirection = (code: string): "ltr" | "rtl" => {
	const language = find(code);
	return language && "dir" in language ? language.dir : "ltr";
};
