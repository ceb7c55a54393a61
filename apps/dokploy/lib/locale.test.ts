import { describe, expect, it } from "vitest";
import { localeCookie, resolveLocale } from "./locale";

describe("resolveLocale", () => {
	it("takes a supported locale from the DOKPLOY_LOCALE cookie", () => {
		expect(resolveLocale({ cookie: "theme=dark; DOKPLOY_LOCALE=zh-Hans; other=1" })).toBe(
			"zh-Hans",
		);
	});

	it("prefers the cookie over the browser's Accept-Language", () => {
		expect(
			resolveLocale({ cookie: "DOKPLOY_LOCALE=ru", "accept-language": "de-DE,de;q=0.9" }),
		).toBe("ru");
	});

	it("ignores an unsupported cookie value and falls back to Accept-Language, then English", () => {
		expect(
			resolveLocale({ cookie: "DOKPLOY_LOCALE=xx", "accept-language": "pt-BR,pt;q=0.8" }),
		).toBe("pt-BR");
		expect(resolveLocale({ cookie: "DOKPLOY_LOCALE=../../etc" })).toBe("en");
		expect(resolveLocale({})).toBe("en");
	});

	it("matches Accept-Language by language when the region differs", () => {
		expect(resolveLocale({ "accept-language": "fr-CA,en;q=0.5" })).toBe("fr");
		expect(resolveLocale({ "accept-language": "pt-PT" })).toBe("pt-BR");
		expect(resolveLocale({ "accept-language": "ja-JP" })).toBe("ja");
	});

	it("knows Kazakh by its standard tag and Persian by its own", () => {
		expect(resolveLocale({ "accept-language": "kk-KZ,ru;q=0.5" })).toBe("kz");
		expect(resolveLocale({ "accept-language": "fa-IR" })).toBe("fa");
		expect(resolveLocale({ "accept-language": "zh-Hant" })).toBe("zh-Hant");
	});

	it("writes a cookie that the whole site reads for a year", () => {
		expect(localeCookie("de")).toBe("DOKPLOY_LOCALE=de; Path=/; Max-Age=31536000; SameSite=Lax");
	});
});
