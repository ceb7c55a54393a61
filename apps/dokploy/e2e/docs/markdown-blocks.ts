/**
 * The code blocks of the documentation, and what each one is for. The convention (written up
 * in docs/webhooks/README.md, "Snippets that run") is an info string after the language:
 *
 *   ```sh run                       a script: the snippet test runs it against the product
 *   ```ts run file=<path>           saved at <path> (in the repository) for a later `run` block
 *   ```js run receiver=<name>       blocks sharing <name> form one webhook receiver (a server)
 *   ```sh run verifier              a command that checks one delivery: exit 0 means valid
 *   ```ts norun                     shown only: a signature, a fragment, something needing Slack
 *
 * Blocks in a data language (json, http, text) are examples of data and need no mark. Any
 * other block without a mark is an error, so a new snippet is either proven or says why not.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	"../../../..",
);
export const docsRoot = path.join(repositoryRoot, "docs");

const dataLanguages = new Set(["json", "http", "text"]);
const codeLanguages = new Set(["sh", "ts", "js", "python"]);

type BlockRole =
	| { kind: "data" }
	| { kind: "norun" }
	| { kind: "script" }
	| { kind: "file"; file: string }
	| { kind: "receiver"; name: string }
	| { kind: "verifier" }
	| { kind: "unclassified"; why: string };

export interface CodeBlock {
	/** "webhooks/http-api.md:120", for messages. */
	where: string;
	page: string;
	language: string;
	code: string;
	role: BlockRole;
}

const classify = (language: string, marks: string[]): BlockRole => {
	const [mode, ...options] = marks;
	const option = (name: string) =>
		options.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
	if (!mode) {
		if (dataLanguages.has(language)) return { kind: "data" };
		return { kind: "unclassified", why: `a ${language || "plain"} block without run or norun` };
	}
	if (mode === "norun") return { kind: "norun" };
	if (mode !== "run") return { kind: "unclassified", why: `unknown mark "${mode}"` };
	if (!codeLanguages.has(language)) {
		return { kind: "unclassified", why: `no runner for ${language || "plain"} blocks` };
	}
	const file = option("file");
	if (file) return { kind: "file", file };
	const receiver = option("receiver");
	if (receiver) return { kind: "receiver", name: receiver };
	if (options.includes("verifier")) return { kind: "verifier" };
	if (options.length > 0) return { kind: "unclassified", why: `unknown options ${options}` };
	if (language !== "sh") {
		return { kind: "unclassified", why: `a ${language} script needs file=, receiver= or verifier` };
	}
	return { kind: "script" };
};

/** Fenced blocks of one page's text, in order. Fences of four backticks may contain three. */
export const parseCodeBlocks = (page: string, text: string): CodeBlock[] => {
	const lines = text.split("\n");
	const blocks: CodeBlock[] = [];
	for (let index = 0; index < lines.length; index++) {
		const open = /^(`{3,})(.*)$/.exec(lines[index]!);
		if (!open) continue;
		const fence = open[1]!;
		const [language = "", ...marks] = open[2]!.trim().split(/\s+/).filter(Boolean);
		const start = index;
		const body: string[] = [];
		for (index++; index < lines.length && lines[index] !== fence; index++) body.push(lines[index]!);
		blocks.push({
			where: `${page}:${start + 1}`,
			page,
			language,
			code: `${body.join("\n")}\n`,
			role: classify(language, marks),
		});
	}
	return blocks;
};

export const readCodeBlocks = (page: string) =>
	parseCodeBlocks(page, readFileSync(path.join(docsRoot, page), "utf8"));

/** Every Markdown page under docs/, as paths relative to it, in a stable order. */
export const documentationPages = () =>
	readdirSync(docsRoot, { recursive: true, encoding: "utf8" })
		.filter((file) => file.endsWith(".md"))
		.sort();

/** The text of every page plus the repository README, where the configuration table lives. */
export const documentationText = () =>
	[
		...documentationPages().map((page) => readFileSync(path.join(docsRoot, page), "utf8")),
		readFileSync(path.join(repositoryRoot, "README.md"), "utf8"),
	].join("\n");
