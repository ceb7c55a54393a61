/**
 * The translations stay complete: every language has exactly the English keys with the same
 * placeholders, and every key the code asks for exists. A missing key would show up in the
 * dashboard as the raw key.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "@dokploy/server/lib/paths";
import { describe, expect, it } from "vitest";
import nextI18NextConfig from "../next-i18next.config.js";
import { languages } from "./languages";

type Tree = { [key: string]: string | Tree };

const localesDir = path.join(repositoryRoot(), "public", "locales");
const appDir = path.join(repositoryRoot(), "apps", "dokploy");

const readCommon = (locale: string): Tree =>
	JSON.parse(readFileSync(path.join(localesDir, locale, "common.json"), "utf8"));

const flatten = (tree: Tree, prefix = ""): Map<string, string> => {
	const entries = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		const full = prefix ? `${prefix}.${key}` : key;
		if (typeof value === "string") entries.set(full, value);
		else for (const [k, v] of flatten(value, full)) entries.set(k, v);
	}
	return entries;
};

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const sourceFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory())
			return ["node_modules", ".next"].includes(entry.name) ? [] : sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
	});

const english = flatten(readCommon("en"));
const codes = languages.map((language) => language.code);

describe("translations", () => {
	it("lists the same languages in lib/languages.ts, next-i18next.config.js and public/locales", () => {
		expect(nextI18NextConfig.i18n.locales).toEqual(codes);
		expect(readdirSync(localesDir).sort()).toEqual([...codes].sort());
	});

	it.each(codes.filter((code) => code !== "en"))(
		"%s has every English key, no others, and the same placeholders",
		(code) => {
			const translated = flatten(readCommon(code));
			expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
			for (const [key, text] of english) {
				expect({ key, placeholders: placeholders(translated.get(key) ?? "") }).toEqual({
					key,
					placeholders: placeholders(text),
				});
				expect(translated.get(key)?.trim(), key).not.toBe("");
			}
		},
	);

	it("has an English text for every literal key the dashboard code uses", () => {
		const used = new Set<string>();
		for (const file of [
			...sourceFiles(path.join(appDir, "components")),
			...sourceFiles(path.join(appDir, "pages")),
			...sourceFiles(path.join(appDir, "lib")),
		]) {
			const source = readFileSync(file, "utf8");
			for (const match of source.matchAll(/\bt\("([a-zA-Z][\w.]*)"/g)) used.add(match[1]!);
			for (const match of source.matchAll(/labelKey: "([\w.]+)"/g)) used.add(match[1]!);
		}
		expect(used.size).toBeGreaterThan(50);
		expect([...used].filter((key) => !english.has(key))).toEqual([]);
	});

	it("has an English text for every key the code builds from a value", () => {
		const families: Record<string, readonly string[]> = {
			"deployments.status": ["queued", "running", "done", "error", "cancelled"],
			"deployments.trigger": ["manual", "webhook", "schedule"],
			sources: ["github", "gitlab", "git", "docker"],
			roles: ["owner", "admin", "member"],
			errors: ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "BAD_REQUEST"],
			"services.heading": ["application", "compose"],
			"services.type": ["application", "compose"],
			"services.create": ["application", "compose"],
			"services.createTitle": ["application", "compose"],
			"services.empty": ["application", "compose"],
		};
		const missing = Object.entries(families).flatMap(([prefix, values]) =>
			values.map((value) => `${prefix}.${value}`).filter((key) => !english.has(key)),
		);
		expect(missing).toEqual([]);
	});
});
