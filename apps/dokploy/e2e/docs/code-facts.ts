/**
 * What the code says, read from the source so that the drift test needs no list kept by hand:
 * the environment variables it reads, the messages a user can see, and the names it exports.
 * A new variable, message or export shows up here by itself, and the drift test then asks for
 * it to be documented.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "./markdown-blocks";

/** Product code: everything but tests, test helpers, build output and dependencies. */
const sourceFiles = (directory: string) =>
	readdirSync(path.join(repositoryRoot, directory), { recursive: true, encoding: "utf8" })
		.filter((file) => /\.tsx?$/.test(file))
		.filter(
			(file) => !/(^|\/)(node_modules|\.next|e2e|__test__|faults|\.snippets|scripts)\//.test(file),
		)
		.filter((file) => !/\.test\.tsx?$|-suite\.ts$/.test(file))
		.map((file) => path.join(directory, file));

const productFiles = () => [...sourceFiles("packages/server/src"), ...sourceFiles("apps/dokploy")];

const read = (file: string) => readFileSync(path.join(repositoryRoot, file), "utf8");

/** Code without its comments, so that a variable or message named in a comment does not count. */
const withoutComments = (text: string) =>
	text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

const environmentReads = [
	/\bprocess\.env\.([A-Z][A-Z0-9_]*)/g,
	/\benv\.([A-Z][A-Z0-9_]*)/g,
	/\benv\[\s*["'`]([A-Z][A-Z0-9_]*)["'`]\s*\]/g,
	// readNumber(env, "NAME", …) and other readers handed the environment and a name
	/\(\s*env\s*,\s*["'`]([A-Z][A-Z0-9_]*)["'`]/g,
];

/**
 * Variables the code reads that are not settings of the product: the system's own, passed
 * through to builds, and Node's NODE_ENV.
 */
const notSettings = new Set(["PATH", "HOME", "LANG", "NODE_ENV"]);

/** Every environment variable product code reads, with the files that read it. */
export const environmentVariablesRead = () => {
	const found = new Map<string, string[]>();
	for (const file of productFiles()) {
		const code = withoutComments(read(file));
		for (const pattern of environmentReads) {
			for (const [, name] of code.matchAll(pattern)) {
				if (!name || notSettings.has(name)) continue;
				found.set(name, [...(found.get(name) ?? []), file]);
			}
		}
	}
	return found;
};

/**
 * Variables the set-up scripts read as `${NAME:-default}`. The docs may name them (the README
 * documents run.sh's switches); they are not all settings a user needs, so none is required.
 */
export const scriptVariablesRead = () => {
	const names = new Set<string>();
	const scripts = readdirSync(path.join(repositoryRoot, "scripts")).filter((f) =>
		f.endsWith(".sh"),
	);
	for (const script of scripts) {
		for (const [, name] of read(path.join("scripts", script)).matchAll(
			/\$\{([A-Z][A-Z0-9_]*):-/g,
		)) {
			if (name) names.add(name);
		}
	}
	return names;
};

/** SCREAMING_CASE constants the code exports (a page may name them, like MAX_CUSTOM_HEADERS). */
export const exportedConstants = () => {
	const names = new Set<string>();
	for (const file of productFiles()) {
		for (const [, name] of read(file).matchAll(/export const ([A-Z][A-Z0-9_]+)\b/g)) {
			if (name) names.add(name);
		}
	}
	return names;
};

/** Every name exported by product code: functions, constants, classes and types. */
export const exportedNames = () => {
	const names = new Set<string>();
	for (const file of productFiles()) {
		const code = read(file);
		for (const [, name] of code.matchAll(
			/export (?:async )?(?:const|let|function|class|interface|type|enum) (\w+)/g,
		)) {
			if (name) names.add(name);
		}
		for (const [, list] of code.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
			for (const entry of list?.split(",") ?? []) {
				const name = entry
					.trim()
					.split(/\s+as\s+/)
					.pop()
					?.replace(/^type\s+/, "");
				if (name) names.add(name);
			}
		}
	}
	return names;
};

/** Where users meet the webhook feature's errors: its engine, its services and its API. */
const userFacingFiles = () =>
	productFiles().filter((file) =>
		[
			// payload.ts is left out: its sentences are sample data for test sends, not errors.
			/^packages\/server\/src\/webhooks\/(?!payload\.ts$)/,
			/^packages\/server\/src\/services\/deployment\.ts$/,
			/^packages\/server\/src\/services\/webhook[^/]*\.ts$/,
			/^packages\/server\/src\/deployments\/queue\.ts$/,
			/^apps\/dokploy\/server\/api\/(trpc|errors)\.ts$/,
			/^apps\/dokploy\/server\/api\/routers\/(webhook|deployment)[^/]*\.ts$/,
		].some((pattern) => pattern.test(file)),
	);

export interface UserMessage {
	/** The message as written in the code, `${…}` parts included. */
	text: string;
	file: string;
	/** Matches the message in a page, whatever stands in for its `${…}` parts. */
	pattern: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Matches the message in a page, whatever stands in for its `${…}` parts and however the page
 * wraps its lines. Escapes are read as JavaScript reads them (`\\u` is a backslash and a u).
 */
const messagePattern = (literal: string) => {
	let pattern = "";
	const addWhitespace = () => {
		if (!pattern.endsWith("\\s+")) pattern += "\\s+";
	};
	for (const [token, escaped] of literal.matchAll(/\\([\s\S])|\$\{[^}]*\}|[\s\S]/g)) {
		if (escaped === "n" || escaped === "t") addWhitespace();
		else if (escaped !== undefined) pattern += escapeRegExp(escaped);
		else if (token.startsWith("${")) pattern += "[\\s\\S]*?";
		else if (/\s/.test(token)) addWhitespace();
		else pattern += escapeRegExp(token);
	}
	return new RegExp(pattern);
};

/**
 * Sentences in string and template literals (a capital letter, then at least three words) of
 * the user-facing files, and `new NotFoundError("X")` as the "X not found" it becomes. Log
 * lines start in lower case and variable descriptions sit under `description:`, so neither is
 * taken for an error message.
 */
export const userVisibleMessages = (): UserMessage[] => {
	const messages = new Map<string, UserMessage>();
	const add = (text: string, file: string) => {
		if (!messages.has(text)) messages.set(text, { text, file, pattern: messagePattern(text) });
	};
	for (const file of userFacingFiles()) {
		const code = withoutComments(read(file));
		for (const [, entity] of code.matchAll(/new NotFoundError\(\s*"([^"]+)"\s*\)/g)) {
			if (entity) add(`${entity} not found`, file);
		}
		for (const match of code.matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
			const text = match[1] ?? match[2] ?? "";
			const before = code.slice(Math.max(0, (match.index ?? 0) - 20), match.index);
			if (/description:\s*$/.test(before)) continue;
			const words = text
				.replace(/\$\{[^}]*\}/g, "")
				.trim()
				.split(/\s+/);
			if (!/^[A-Z]/.test(text) || words.length < 3) continue;
			add(text, file);
		}
	}
	return [...messages.values()];
};
