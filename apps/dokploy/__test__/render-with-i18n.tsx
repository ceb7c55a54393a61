/**
 * Renders a component the way the dashboard does: with i18next loaded from the real locale
 * files, so tests see the same text users see.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "@dokploy/server/lib/paths";
import { render } from "@testing-library/react";
import { createInstance, type Resource } from "i18next";
import type { ReactElement } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import type { Locale } from "@/lib/languages";

const localesDir = path.join(repositoryRoot(), "public", "locales");

const readLocale = (locale: Locale): Resource[string] =>
	JSON.parse(readFileSync(path.join(localesDir, locale, "common.json"), "utf8"));

const createTestI18n = async (locale: Locale = "en") => {
	const i18n = createInstance();
	await i18n.use(initReactI18next).init({
		lng: locale,
		fallbackLng: "en",
		defaultNS: "common",
		ns: ["common"],
		resources: { en: { common: readLocale("en") }, [locale]: { common: readLocale(locale) } },
		interpolation: { escapeValue: false },
		react: { useSuspense: false },
	});
	return i18n;
};

export const renderWithI18n = async (ui: ReactElement, locale: Locale = "en") => {
	const i18n = await createTestI18n(locale);
	return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
};
