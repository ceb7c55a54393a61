/**
 * A JSON syntax checker that says where the first error is. JSON.parse's messages in V8 often
 * carry no position ("Unexpected token '}', ... is not valid JSON"), and people fixing a template
 * in an editor need a line and a column. It only recognizes JSON (RFC 8259); values are not built.
 */

export interface JsonSyntaxError {
	position: number;
	line: number;
	column: number;
	message: string;
}

// Deep enough for any real payload, shallow enough that recursion can never exhaust the stack.
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const SIMPLE_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class SyntaxFailure extends Error {
	constructor(
		readonly position: number,
		message: string,
	) {
		super(message);
	}
}

export const findJsonSyntaxError = (text: string): JsonSyntaxError | null => {
	let i = 0;

	const fail = (message: string, position = i): never => {
		throw new SyntaxFailure(position, message);
	};
	const describeHere = () =>
		i >= text.length ? "the end of the text" : `${JSON.stringify(text[i])}`;
	const skipWhitespace = () => {
		while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
	};
	const expect = (char: string, what: string) => {
		skipWhitespace();
		if (text[i] !== char) fail(`Expected ${what} but found ${describeHere()}`);
		i++;
	};

	const readString = () => {
		const start = i;
		i++;
		while (i < text.length) {
			const char = text[i] as string;
			if (char === '"') {
				i++;
				return;
			}
			if (char === "\\") {
				const escaped = text[i + 1];
				if (escaped === "u") {
					HEX4.lastIndex = i + 2;
					if (!HEX4.test(text)) fail("Invalid \\u escape: expected 4 hex digits");
					i += 6;
				} else if (escaped !== undefined && SIMPLE_ESCAPES.has(escaped)) {
					i += 2;
				} else {
					fail(`Invalid escape \\${escaped ?? ""} in a string`);
				}
				continue;
			}
			if (char.charCodeAt(0) < 0x20) fail("Control character in a string: escape it (\\n, \\t...)");
			i++;
		}
		fail("Unterminated string", start);
	};

	const readValue = (depth: number): void => {
		skipWhitespace();
		if (depth > MAX_JSON_DEPTH) fail(`Nested deeper than ${MAX_JSON_DEPTH} levels`);
		const char = text[i];
		if (char === "{" || char === "[") {
			readContainer(char === "{" ? "}" : "]", depth, char === "{");
			return;
		}
		if (char === '"') {
			readString();
			return;
		}
		for (const literal of ["true", "false", "null"]) {
			if (text.startsWith(literal, i)) {
				i += literal.length;
				return;
			}
		}
		NUMBER.lastIndex = i;
		if (NUMBER.test(text)) {
			i = NUMBER.lastIndex;
			return;
		}
		fail(`Expected a value but found ${describeHere()}`);
	};

	const readContainer = (close: string, depth: number, isObject: boolean) => {
		const what = isObject ? "a property" : "a value";
		i++;
		skipWhitespace();
		if (text[i] === close) {
			i++;
			return;
		}
		for (;;) {
			if (isObject) {
				skipWhitespace();
				if (text[i] !== '"')
					fail(`Expected a property name in double quotes but found ${describeHere()}`);
				readString();
				expect(":", "':' after the property name");
			}
			readValue(depth + 1);
			skipWhitespace();
			if (text[i] === close) {
				i++;
				return;
			}
			if (text[i] !== ",")
				fail(`Expected ',' or '${close}' after ${what} but found ${describeHere()}`);
			i++;
		}
	};

	try {
		readValue(1);
		skipWhitespace();
		if (i < text.length) fail(`Unexpected ${describeHere()} after the JSON value`);
		return null;
	} catch (error) {
		if (!(error instanceof SyntaxFailure)) throw error;
		return { ...locate(text, error.position), message: error.message };
	}
};

/** 1-based line and column, as editors show them. */
export const locate = (text: string, position: number) => {
	const before = text.slice(0, position);
	const line = before.split("\n").length;
	const column = position - before.lastIndexOf("\n");
	return { position, line, column };
};
