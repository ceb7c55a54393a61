/**
 * Turns the classified blocks into what the snippet test runs: scripts (each with the files
 * saved by the `file=` blocks before it on its page), receivers (the blocks of one name, in
 * order, as one program) and verifier commands. Anything that cannot be run is a problem.
 */
import type { CodeBlock } from "./markdown-blocks";

interface SavedFile {
	path: string;
	block: CodeBlock;
}

interface Script {
	block: CodeBlock;
	files: SavedFile[];
}

export interface ReceiverGroup {
	name: string;
	language: string;
	source: string;
	/** Where its blocks are, for the test's name. */
	where: string;
}

const receiverLanguages = new Set(["js", "python"]);

export const groupSnippets = (blocks: CodeBlock[]) => {
	const scripts: Script[] = [];
	const receivers = new Map<string, ReceiverGroup>();
	const verifiers: CodeBlock[] = [];
	const problems: string[] = [];
	let pending: SavedFile[] = [];
	let page = "";

	const leftUnused = () => {
		for (const file of pending) problems.push(`${file.block.where}: no run block after it uses it`);
		pending = [];
	};

	for (const block of blocks) {
		if (block.page !== page) {
			leftUnused();
			page = block.page;
		}
		const { role } = block;
		if (role.kind === "unclassified") problems.push(`${block.where}: ${role.why}`);
		if (role.kind === "file") pending.push({ path: role.file, block });
		if (role.kind === "script") {
			scripts.push({ block, files: pending });
			pending = [];
		}
		if (role.kind === "verifier") {
			if (block.language === "sh") verifiers.push(block);
			else problems.push(`${block.where}: a verifier is a shell command`);
		}
		if (role.kind === "receiver") {
			if (!receiverLanguages.has(block.language)) {
				problems.push(`${block.where}: receivers are js or python, not ${block.language}`);
				continue;
			}
			const group = receivers.get(role.name);
			if (group && group.language !== block.language) {
				problems.push(`${block.where}: receiver ${role.name} mixes languages`);
			} else if (group) {
				group.source += block.code;
				group.where += `, ${block.where}`;
			} else {
				receivers.set(role.name, {
					name: role.name,
					language: block.language,
					source: block.code,
					where: block.where,
				});
			}
		}
	}
	leftUnused();
	return { scripts, receivers: [...receivers.values()], verifiers, problems };
};
