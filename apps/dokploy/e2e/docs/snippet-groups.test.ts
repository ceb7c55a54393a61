/** How pages are read into runnable snippets, on small pages written here. */
import { describe, expect, it } from "vitest";
import { parseCodeBlocks } from "./markdown-blocks";
import { groupSnippets } from "./snippet-groups";

const fence = "```";
const page = (...blocks: Array<[string, string]>) =>
	blocks.map(([info, code]) => `Some text.\n\n${fence}${info}\n${code}\n${fence}\n`).join("\n");

describe("reading the code blocks of a page", () => {
	it("reports a code block without run or norun as a problem, with its place", () => {
		const blocks = parseCodeBlocks("a.md", page(["sh", "echo hi"], ["ts norun", "f()"]));
		expect(groupSnippets(blocks).problems).toEqual(["a.md:3: a sh block without run or norun"]);
	});

	it("takes json, http and text blocks as data without a mark", () => {
		const blocks = parseCodeBlocks("a.md", page(["json", "{}"], ["http", "POST /"], ["text", "x"]));
		expect(blocks.map((block) => block.role.kind)).toEqual(["data", "data", "data"]);
		expect(groupSnippets(blocks)).toMatchObject({ scripts: [], problems: [] });
	});

	it("gives a script the files saved before it on the same page", () => {
		const blocks = parseCodeBlocks(
			"a.md",
			page(["ts run file=scripts/x.ts", "console.log(1)"], ["sh run", "tsx scripts/x.ts"]),
		);
		const { scripts, problems } = groupSnippets(blocks);
		expect(problems).toEqual([]);
		expect(scripts).toHaveLength(1);
		expect(scripts[0]?.files.map((file) => file.path)).toEqual(["scripts/x.ts"]);
	});

	it("reports a saved file that no run block on its page uses", () => {
		const first = parseCodeBlocks("a.md", page(["ts run file=scripts/x.ts", "1"]));
		const second = parseCodeBlocks("b.md", page(["sh run", "true"]));
		expect(groupSnippets([...first, ...second]).problems).toEqual([
			"a.md:3: no run block after it uses it",
		]);
	});

	it("joins the blocks of one receiver, across pages, into one program", () => {
		const blocks = [
			...parseCodeBlocks("a.md", page(["python run receiver=py", "def f(): pass"])),
			...parseCodeBlocks("b.md", page(["python run receiver=py", "f()"])),
		];
		const { receivers } = groupSnippets(blocks);
		expect(receivers).toEqual([
			{ name: "py", language: "python", source: "def f(): pass\nf()\n", where: "a.md:3, b.md:3" },
		]);
	});

	it("refuses a run mark it has no runner for", () => {
		const blocks = parseCodeBlocks("a.md", page(["ruby run", "puts 1"], ["ts run", "f()"]));
		expect(groupSnippets(blocks).problems).toEqual([
			"a.md:3: no runner for ruby blocks",
			"a.md:9: a ts script needs file=, receiver= or verifier",
		]);
	});

	it("keeps a fence of three backticks inside a four-backtick block", () => {
		const text = `${fence}\`json\n{"text": "${fence}"}\n${fence}\`\n`;
		const [block] = parseCodeBlocks("a.md", text);
		expect(block).toMatchObject({ language: "json", code: `{"text": "${fence}"}\n` });
	});
});
