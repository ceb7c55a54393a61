import path from "node:path";
import { repositoryRoot } from "@dokploy/server/lib/paths";
import { serverSideTranslations } from "next-i18next/pages/serverSideTranslations";
import type { Locale } from "@/lib/languages";
import nextI18NextConfig from "@/next-i18next.config.js";

/**
 * The translations live in the repository's top-level public/locales, shared by every app; the
 * path is absolute because the server may be started from any directory.
 */
const localePath = () =>
	process.env.DOKPLOY_LOCALES_DIR ?? path.join(repositoryRoot(), "public", "locales");

export const loadTranslations = (locale: Locale, namespaces: string[] = ["common"]) =>
	serverSideTranslations(locale, namespaces, { ...nextI18NextConfig, localePath: localePath() });
