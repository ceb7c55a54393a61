/**
 * The languages of the dashboard, each named in its own language for the switcher. Adding one
 * means a folder under public/locales and an entry in next-i18next.config.js.
 */
export const languages = [
	{ code: "en", name: "English" },
	{ code: "es", name: "Español" },
	{ code: "fr", name: "Français" },
	{ code: "de", name: "Deutsch" },
	{ code: "pt-BR", name: "Português (Brasil)" },
	{ code: "zh-Hans", name: "简体中文" },
	{ code: "ru", name: "Русский" },
	{ code: "ja", name: "日本語" },
] as const;

export type Locale = (typeof languages)[number]["code"];

export const defaultLocale: Locale = "en";

export const isLocale = (value: string): value is Locale =>
	languages.some((language) => language.code === value);
