// Prints the closing lines of the test command: the coverage that the webhook issue asks for,
// and one plain "Tests: N passed, N failed" line that any CI reader understands.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [resultsFile, coverageFile] = process.argv.slice(2);
const root = process.cwd();

if (coverageFile && existsSync(coverageFile)) {
	const summary = JSON.parse(readFileSync(coverageFile, "utf8"));
	const files = Object.entries(summary).filter(([name]) => name !== "total");
	const linesOf = (match) => {
		let covered = 0;
		let total = 0;
		for (const [name, figures] of files) {
			if (!match(path.relative(root, name))) continue;
			covered += figures.lines.covered;
			total += figures.lines.total;
		}
		return total === 0 ? "n/a" : `${((100 * covered) / total).toFixed(2)}% (${covered}/${total})`;
	};
	const isWebhookCode = (name) =>
		name.startsWith("packages/server/src/webhooks/") || /services\/webhook[^/]*\.ts$/.test(name);
	console.log("\nCoverage of lines");
	console.log(`  webhook code (src/webhooks, services/webhook*): ${linesOf(isWebhookCode)}`);
	console.log(
		`  webhooks/retry-policy.ts: ${linesOf((name) => name.endsWith("webhooks/retry-policy.ts"))}`,
	);
	console.log(
		`  webhooks/url-guard.ts:    ${linesOf((name) => name.endsWith("webhooks/url-guard.ts"))}`,
	);
	console.log(`  packages/server overall:  ${linesOf(() => true)}`);
}

if (resultsFile && existsSync(resultsFile)) {
	const results = JSON.parse(readFileSync(resultsFile, "utf8"));
	const skipped = results.numPendingTests + results.numTodoTests;
	console.log(
		`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
	);
} else {
	console.log("\nTests: 0 passed, 1 failed (the test runner wrote no results)");
}
