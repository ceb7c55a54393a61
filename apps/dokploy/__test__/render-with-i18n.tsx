/**
 * Renders a component the way the dashboard does: with i18next loaded from the real locale
 * files, so tests see the same text users see.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "@dokploy/server/lib/paths";
import { render } from "@testing-library/react";
import { createInstance, type Resource } from "i18next";
import type { ReactElement } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import type { Locale } from "@/lib/languages";

const localesDir = path.join(repositoryRoot(), "public", "locales");

const namespaces = ["common", "webhook"] as const;

/** A locale's namespaces; one a translator has not delivered yet is left out (English shows). */
const readLocale = (locale: Locale): Resource[string] =>
	Object.fromEntries(
		namespaces
			.map((namespace) => [namespace, path.join(localesDir, locale, `${namespace}.json`)] as const)
			.filter(([, file]) => existsSync(file))
			.map(([namespace, file]) => [namespace, JSON.parse(readFileSync(file, "utf8"))]),
	);

const createTestI18n = async (locale: Locale = "en") => {
	const i18n = createInstance();
	await i18n.use(initReactI18next).init({
		lng: locale,
		fallbackLng: "en",
		defaultNS: "common",
		ns: [...namespaces],
		resources: { en: readLocale("en"), [locale]: readLocale(locale) },
		interpolation: { escapeValue: false },
		react: { useSuspense: false },
	});
	return i18n;
};

export const renderWithI18n = async (ui: ReactElement, locale: Locale = "en") => {
	const i18n = await createTestI18n(locale);
	return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
};
