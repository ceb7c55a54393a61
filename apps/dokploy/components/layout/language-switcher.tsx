import { Languages } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import {
	DropdownMenu,
	DropdownMenuContent,
	DropdownMenuLabel,
	DropdownMenuRadioGroup,
	DropdownMenuRadioItem,
	DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { intlLocale, isLocale, type Locale, languages } from "@/lib/languages";
import { localeCookie } from "@/lib/locale";

const reloadPage = () => window.location.reload();

/**
 * Stores the choice in the DOKPLOY_LOCALE cookie and reloads, so the server renders the page
 * again with the new language's translations.
 */
export const LanguageSwitcher = ({
	locale,
	reload = reloadPage,
}: {
	locale: Locale;
	/** Injected by tests; jsdom cannot reload. */
	reload?: () => void;
}) => {
	const { t } = useTranslation("common");
	const current = languages.find((language) => language.code === locale);
	const choose = (code: string) => {
		if (!isLocale(code) || code === locale) return;
		// biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from some supported browsers (and jsdom); localeCookie() builds and escapes the value.
		document.cookie = localeCookie(code);
		reload();
	};
	return (
		<DropdownMenu>
			<DropdownMenuTrigger asChild>
				<Button
					variant="ghost"
					size="sm"
					data-testid="language-switcher"
					aria-label={t("language.choose")}
				>
					<Languages className="h-4 w-4" />
					{current?.name}
				</Button>
			</DropdownMenuTrigger>
			<DropdownMenuContent align="end" className="max-h-96 overflow-y-auto">
				<DropdownMenuLabel>{t("language.label")}</DropdownMenuLabel>
				<DropdownMenuRadioGroup value={locale} onValueChange={choose}>
					{languages.map((language) => (
						<DropdownMenuRadioItem
							key={language.code}
							value={language.code}
							lang={intlLocale(language.code)}
							data-testid={`language-option-${language.code}`}
						>
							{language.name}
						</DropdownMenuRadioItem>
					))}
				</DropdownMenuRadioGroup>
			</DropdownMenuContent>
		</DropdownMenu>
	);
};
