import "@testing-library/jest-dom/vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { LOCALE_COOKIE } from "@/lib/locale";
import { LanguageSwitcher } from "./language-switcher";

const clearLocaleCookie = () => {
	// biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store API.
	document.cookie = `${LOCALE_COOKIE}=; Path=/; Max-Age=0`;
};

/** Radix opens menus on a primary-button pointer press. */
const openMenu = () =>
	fireEvent.pointerDown(screen.getByTestId("language-switcher"), {
		button: 0,
		ctrlKey: false,
		pointerType: "mouse",
	});

describe("LanguageSwitcher", () => {
	beforeEach(clearLocaleCookie);
	afterEach(() => {
		cleanup();
		clearLocaleCookie();
	});

	it("shows the current language by its own name", async () => {
		await renderWithI18n(<LanguageSwitcher locale="en" reload={() => {}} />);
		expect(screen.getByTestId("language-switcher")).toHaveTextContent("English");
		expect(screen.getByTestId("language-switcher")).toHaveAccessibleName("Choose a language");
	});

	it("offers all 21 languages, each named in itself", async () => {
		await renderWithI18n(<LanguageSwitcher locale="en" reload={() => {}} />);
		openMenu();
		expect(await screen.findAllByRole("menuitemradio")).toHaveLength(21);
		for (const [code, name] of [
			["es", "Español"],
			["fr", "Français"],
			["de", "Deutsch"],
			["pt-BR", "Português (Brasil)"],
			["zh-Hans", "简体中文"],
			["zh-Hant", "繁體中文"],
			["ru", "Русский"],
			["ja", "日本語"],
			["fa", "فارسی"],
			["kz", "Қазақ тілі"],
			["ml", "മലയാളം"],
		]) {
			expect(await screen.findByTestId(`language-option-${code}`)).toHaveTextContent(name!);
		}
	});

	it("stores the chosen language in the DOKPLOY_LOCALE cookie and reloads", async () => {
		const reload = vi.fn();
		await renderWithI18n(<LanguageSwitcher locale="en" reload={reload} />);
		openMenu();
		fireEvent.click(await screen.findByTestId("language-option-de"));
		expect(document.cookie).toContain(`${LOCALE_COOKIE}=de`);
		expect(reload).toHaveBeenCalledOnce();
	});

	it("does nothing when the current language is chosen again", async () => {
		const reload = vi.fn();
		await renderWithI18n(<LanguageSwitcher locale="fr" reload={reload} />, "fr");
		openMenu();
		fireEvent.click(await screen.findByTestId("language-option-fr"));
		expect(document.cookie).not.toContain(LOCALE_COOKIE);
		expect(reload).not.toHaveBeenCalled();
	});
});
