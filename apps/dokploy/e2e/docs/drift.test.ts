// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template variables and .mcp.json use ${name} placeholders.
/**
 * The documentation against the code, both ways. What the code has (procedures, service
 * functions, template variables, environment variables, error messages) is read from the code
 * itself, so a new one fails this test until a page describes it; and every procedure,
 * variable and function a page names must exist. The headers the worker sends are checked on
 * real requests, in snippets.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import * as webhookService from "@dokploy/server/services/webhook";
import { buildSamplePayload } from "@dokploy/server/webhooks/payload";
import { validateCustomTemplate } from "@dokploy/server/webhooks/templates/custom";
import { customTemplateVariables } from "@dokploy/server/webhooks/templates/custom-variables";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import {
	environmentVariablesRead,
	exportedConstants,
	exportedNames,
	scriptVariablesRead,
	userVisibleMessages,
} from "./code-facts";
import { snippetVariables } from "./example-values";
import {
	docsRoot,
	documentationPages,
	documentationText,
	readCodeBlocks,
	repositoryRoot,
} from "./markdown-blocks";

const docs = documentationText();
const troubleshooting = readFileSync(path.join(docsRoot, "webhooks", "troubleshooting.md"), "utf8");

/** The pages without their code blocks: what the prose and its inline code name. */
const prose = documentationPages()
	.map((page) => readFileSync(path.join(docsRoot, page), "utf8"))
	.join("\n")
	.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
const inlineCode = [...prose.matchAll(/`([^`\n]+)`/g)].map(([, code]) => code ?? "");

const eventNames = new Set<string>(deploymentEventNames);
const procedures = Object.keys(appRouter._def.procedures);
const routers = new Set(procedures.map((name) => name.split(".")[0]));
const mentions = (name: string) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}\\b`);

/** `deployment.status`, `application.url` …: the payload's own paths, which look like procedures. */
const payloadPaths = (() => {
	const paths = new Set<string>();
	const walk = (value: unknown, prefix: string) => {
		if (prefix) paths.add(prefix);
		if (value && typeof value === "object" && !Array.isArray(value)) {
			for (const [key, inner] of Object.entries(value))
				walk(inner, prefix ? `${prefix}.${key}` : key);
		}
	};
	for (const event of ["deployment.failed", "deployment.cancelled"] as const) {
		walk(buildSamplePayload(event, "https://dokploy.example.com"), "");
	}
	return paths;
})();

describe("the documentation describes everything the code offers", () => {
	it("names every procedure of the webhook router as webhook.<procedure>", () => {
		const webhookProcedures = procedures.filter((name) => name.startsWith("webhook."));
		expect(webhookProcedures.length).toBeGreaterThan(0);
		expect(webhookProcedures.filter((name) => !mentions(name).test(docs))).toEqual([]);
	});

	it("names every function exported by services/webhook.ts", () => {
		const functions = Object.entries(webhookService)
			.filter(([, value]) => typeof value === "function")
			.map(([name]) => name);
		expect(functions.length).toBeGreaterThan(0);
		expect(functions.filter((name) => !mentions(name).test(docs))).toEqual([]);
	});

	it("lists every custom template variable as ${name}", () => {
		const missing = customTemplateVariables
			.map(({ name }) => `\${${name}}`)
			.filter((placeholder) => !docs.includes(placeholder));
		expect(missing).toEqual([]);
	});

	it("documents every environment variable the code reads", () => {
		const missing = [...environmentVariablesRead()]
			.filter(([name]) => !mentions(name).test(docs))
			.map(([name, files]) => `${name} (read in ${files[0]})`);
		expect(missing).toEqual([]);
	});

	it("covers every error message a user can see on the troubleshooting page", () => {
		const page = troubleshooting.replace(/\s+/g, " ");
		const missing = userVisibleMessages()
			.filter((message) => !message.pattern.test(page))
			.map((message) => `${message.text} (${message.file})`);
		expect(missing).toEqual([]);
	});
});

describe("the documentation names only what exists", () => {
	it("names only procedures that the API has", () => {
		const named = new Set<string>();
		for (const [, name] of docs.matchAll(/\/api\/trpc\/([a-zA-Z]+\.[a-zA-Z]+)/g)) named.add(name!);
		for (const code of inlineCode) {
			const match = /^([a-z]+)\.([a-zA-Z]+)$/.exec(code);
			const isProcedureLike = match && routers.has(match[1]!);
			if (isProcedureLike && !payloadPaths.has(code) && !eventNames.has(code)) named.add(code);
		}
		expect([...named].filter((name) => !procedures.includes(name))).toEqual([]);
	});

	it("uses only ${variables} that custom templates know", () => {
		const known = new Set<string>(customTemplateVariables.map(({ name }) => name));
		// Stand-ins for "a variable" in the explanations of the syntax, not variables themselves.
		// appName is the misspelt variable of an example error message.
		const metavariables = new Set(["name", "variable", "variableName", "appName"]);
		const unknown = [...prose.matchAll(/\$\{([a-z][a-zA-Z]*)\}/g)]
			.map(([, name]) => name!)
			.filter((name) => !known.has(name) && !metavariables.has(name));
		expect([...new Set(unknown)]).toEqual([]);
	});

	it("names only environment variables that the code reads", () => {
		const read = environmentVariablesRead();
		const constants = exportedConstants();
		const shellOnly = new Set<string>([...snippetVariables, ...scriptVariablesRead()]);
		const named = docs.matchAll(
			/\b(?:WEBHOOKS?|DOKPLOY|DEPLOYMENT|BETTER_AUTH|PGLITE|REDIS|DATABASE|LOG)_[A-Z0-9_]+\b/g,
		);
		const unknown = [...named]
			.map(([name]) => name)
			.filter((name) => !read.has(name) && !constants.has(name) && !shellOnly.has(name));
		expect([...new Set(unknown)]).toEqual([]);
	});

	it("calls only functions that the code exports", () => {
		const exported = exportedNames();
		const called = inlineCode.flatMap((code) =>
			[...code.matchAll(/(?<![.\w])([a-z][a-zA-Z0-9]*)\(/g)].map(([, name]) => name!),
		);
		// Functions of Node, of the standardwebhooks library and of the pages' own snippets.
		const notOurs = new Set(["timingSafeEqual", "verifyStandardWebhook", "verifyDokployHeader"]);
		const unknown = called.filter((name) => !exported.has(name) && !notOurs.has(name));
		expect([...new Set(unknown)]).toEqual([]);
	});
});

describe("the documentation's links", () => {
	it("points every relative link and image of a page at a file that exists", () => {
		const broken: string[] = [];
		for (const page of documentationPages()) {
			const text = readFileSync(path.join(docsRoot, page), "utf8");
			const targets = [
				...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g),
				...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g),
			].map(([, target]) => target!);
			for (const target of targets) {
				if (/^[a-z]+:/i.test(target) || target.startsWith("#")) continue;
				const file = path.resolve(path.dirname(path.join(docsRoot, page)), target.split("#")[0]!);
				if (!existsSync(file)) broken.push(`${page}: ${target}`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe("the Context7 set-up", () => {
	const readJson = (file: string) =>
		JSON.parse(readFileSync(path.join(repositoryRoot, file), "utf8"));

	it("indexes the docs and the webhook API's source, in folders that exist", () => {
		const { folders } = readJson("context7.json") as { folders: string[] };
		expect(folders).toEqual(
			expect.arrayContaining([
				"docs",
				"packages/server/src/services",
				"apps/dokploy/server/api/routers",
			]),
		);
		expect(folders.filter((folder) => !existsSync(path.join(repositoryRoot, folder)))).toEqual([]);
	});

	it("starts @upstash/context7-mcp with its key from the environment, never a committed one", () => {
		const text = readFileSync(path.join(repositoryRoot, ".mcp.json"), "utf8");
		const server = JSON.parse(text).mcpServers.context7;
		expect(server.args.join(" ")).toMatch(/@upstash\/context7-mcp@\d/);
		expect(server.env).toEqual({ CONTEXT7_API_KEY: "${CONTEXT7_API_KEY}" });
		expect(text).not.toMatch(/ctx7sk/);
	});
});

describe("the templates shown in the pages", () => {
	it("passes every custom template (a json block with ${…}) through validateCustomTemplate", () => {
		const templates = documentationPages()
			.flatMap(readCodeBlocks)
			.filter((block) => block.language === "json" && block.code.includes("${"));
		expect(templates.length).toBeGreaterThan(0);
		const refused = templates
			.map((block) => ({ where: block.where, result: validateCustomTemplate(block.code) }))
			.filter(({ result }) => !result.ok);
		expect(refused).toEqual([]);
	});
});
