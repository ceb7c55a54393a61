/**
 * The translations stay complete: for every language and namespace, exactly the English keys,
 * the same {{placeholders}}, and a real translation (no value left in English, except a short
 * list of words every language writes the same way). Every key the code asks for exists in
 * English. A missing key would show in the dashboard as the raw key, a lost placeholder as a
 * sentence without its number.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { webhookDeliveryStatuses } from "@dokploy/server/db/schema/webhook-api";
import { repositoryRoot } from "@dokploy/server/lib/paths";
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import { HEADER_PROBLEM_CODES } from "@dokploy/server/webhooks/rules";
import { webhookTemplateTypes } from "@dokploy/server/webhooks/templates/types";
import { describe, expect, it } from "vitest";
import nextI18NextConfig from "../next-i18next.config.js";
import { languages } from "./languages";

type Tree = { [key: string]: string | Tree };

const namespaces = ["common", "webhook"] as const;
type Namespace = (typeof namespaces)[number];

const localesDir = path.join(repositoryRoot(), "public", "locales");
const appDir = path.join(repositoryRoot(), "apps", "dokploy");

const localeFile = (locale: string, namespace: Namespace) =>
	path.join(localesDir, locale, `${namespace}.json`);

const readTree = (locale: string, namespace: Namespace): Tree =>
	JSON.parse(readFileSync(localeFile(locale, namespace), "utf8"));

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

/**
 * Words written the same in every language: product and brand names, protocol words. A value
 * made only of these (and punctuation, digits, placeholders) may equal the English one.
 */
const sameInEveryLanguage = new Set([
	"compose",
	"dokploy",
	"url",
	"json",
	"http",
	"https",
	"slack",
	"n8n",
	"github",
	"gitlab",
	"git",
	"docker",
	"api",
	"id",
	"ok",
	"e-mail",
	"email",
	"cron",
	"webhook",
	"webhooks",
]);

/** Words a language really writes as English does (loanwords and cognates), one short list each. */
const sameInLanguage: Record<string, readonly string[]> = {
	de: [
		"name",
		"repository",
		"branch",
		"domains",
		"deployment",
		"deployments",
		"log",
		"status",
		"test",
	],
	es: ["general", "error", "manual", "variables"],
	fr: ["description", "source", "application", "applications", "actions", "variables", "test"],
	"pt-BR": ["branch", "log", "status", "manual"],
	it: ["password", "repository", "branch", "log", "test"],
	nl: ["repository", "branch", "status", "deployment", "deployments", "test"],
	no: ["test"],
	pl: ["test"],
	tr: ["test"],
	az: ["test"],
	id: ["status", "manual"],
};

const mayEqualEnglish = (value: string, code = "") =>
	value
		.replace(/\{\{\w+\}\}/g, " ")
		.toLowerCase()
		.split(/[^\p{L}\d-]+/u)
		.filter((word) => word !== "" && !/^\d+$/.test(word))
		.every((word) => sameInEveryLanguage.has(word) || sameInLanguage[code]?.includes(word));

const sourceFiles = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory())
			return ["node_modules", ".next"].includes(entry.name) ? [] : sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
	});

const english = Object.fromEntries(
	namespaces.map((namespace) => [namespace, flatten(readTree("en", namespace))]),
) as Record<Namespace, Map<string, string>>;
const codes = languages.map((language) => language.code);
const translatedCases = codes
	.filter((code) => code !== "en")
	.flatMap((code) => namespaces.map((namespace) => [code, namespace] as const));

describe("translations", () => {
	it("lists the same 21 languages in lib/languages.ts, next-i18next.config.js and public/locales", () => {
		expect(codes).toHaveLength(21);
		expect(nextI18NextConfig.i18n.locales).toEqual(codes);
		expect(readdirSync(localesDir).sort()).toEqual([...codes].sort());
	});

	it.each(translatedCases)(
		"%s/%s has every English key, no others, and the same placeholders",
		(code, namespace) => {
			expect(existsSync(localeFile(code, namespace)), `${code}/${namespace}.json is missing`).toBe(
				true,
			);
			const translated = flatten(readTree(code, namespace));
			expect([...translated.keys()].sort()).toEqual([...english[namespace].keys()].sort());
			for (const [key, text] of english[namespace]) {
				expect({ key, placeholders: placeholders(translated.get(key) ?? "") }).toEqual({
					key,
					placeholders: placeholders(text),
				});
				expect(translated.get(key)?.trim(), key).not.toBe("");
			}
		},
	);

	it.each(translatedCases)(
		"%s/%s translates every value (none left in English)",
		(code, namespace) => {
			expect(existsSync(localeFile(code, namespace)), `${code}/${namespace}.json is missing`).toBe(
				true,
			);
			const translated = flatten(readTree(code, namespace));
			const untranslated = [...english[namespace]]
				.filter(([key, text]) => translated.get(key) === text && !mayEqualEnglish(text, code))
				.map(([key]) => key);
			expect(untranslated).toEqual([]);
		},
	);

	it("allows an English value only where every language writes the same", () => {
		expect(mayEqualEnglish("Slack")).toBe(true);
		expect(mayEqualEnglish("HTTP {{status}}")).toBe(true);
		expect(mayEqualEnglish("Generic JSON")).toBe(false);
		expect(mayEqualEnglish("Name")).toBe(false);
		expect(mayEqualEnglish("Name", "de")).toBe(true);
	});

	it("has an English text for every literal key the dashboard code uses, in the namespace it uses", () => {
		const used = { common: new Set<string>(), webhook: new Set<string>() };
		for (const file of [
			...sourceFiles(path.join(appDir, "components")),
			...sourceFiles(path.join(appDir, "pages")),
			...sourceFiles(path.join(appDir, "lib")),
		]) {
			const source = readFileSync(file, "utf8");
			// A component's `t` is bound to the namespace it asked useTranslation for; a second
			// namespace is bound to another name (`common`).
			const namespace: Namespace = source.includes('useTranslation("webhook")')
				? "webhook"
				: "common";
			for (const match of source.matchAll(/\bt\("([a-zA-Z][\w.]*)"/g))
				used[namespace].add(match[1]!);
			for (const match of source.matchAll(/\bcommon\("([a-zA-Z][\w.]*)"/g))
				used.common.add(match[1]!);
			for (const match of source.matchAll(/labelKey: "([\w.]+)"/g)) used.common.add(match[1]!);
			for (const match of source.matchAll(/\["[\w-]+", "(verify\.\w+)"\]/g))
				used.webhook.add(match[1]!);
		}
		expect(used.common.size).toBeGreaterThan(50);
		expect(used.webhook.size).toBeGreaterThan(50);
		for (const namespace of namespaces) {
			expect(
				[...used[namespace]].filter((key) => !english[namespace].has(key)),
				namespace,
			).toEqual([]);
		}
	});

	it("has an English text for every key the code builds from a value", () => {
		const events = deploymentEventNames.map((name) => name.replace("deployment.", ""));
		const families: Array<[Namespace, string, readonly string[]]> = [
			["common", "deployments.status", ["queued", "running", "done", "error", "cancelled"]],
			["common", "deployments.trigger", ["manual", "webhook", "schedule"]],
			["common", "sources", ["github", "gitlab", "git", "docker"]],
			["common", "roles", ["owner", "admin", "member"]],
			["common", "errors", ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "BAD_REQUEST"]],
			["common", "services.heading", ["application", "compose"]],
			["common", "services.type", ["application", "compose"]],
			["common", "services.create", ["application", "compose"]],
			["common", "services.createTitle", ["application", "compose"]],
			["common", "services.empty", ["application", "compose"]],
			["webhook", "templates", webhookTemplateTypes],
			["webhook", "templateDescriptions", webhookTemplateTypes],
			["webhook", "events", events],
			["webhook", "eventDescriptions", events],
			["webhook", "headerErrors", HEADER_PROBLEM_CODES],
			["webhook", "deliveries", webhookDeliveryStatuses],
			["webhook", "deliveries.outcomes", ["success", "retry", "give_up", "deferred"]],
		];
		const missing = families.flatMap(([namespace, prefix, values]) =>
			values
				.map((value) => `${prefix}.${value}`)
				.filter((key) => !english[namespace].has(key))
				.map((key) => `${namespace}:${key}`),
		);
		expect(missing).toEqual([]);
	});
});
