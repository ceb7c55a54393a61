import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, locate, MAX_JSON_DEPTH } from "./json-syntax";

const parses = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

describe("findJsonSyntaxError", () => {
	it("accepts every kind of JSON value", () => {
		const text =
			' {"a": [1, -2.5e+3, 0, true, false, null, "s\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"], "b": {}, "c": []} ';

		expect(findJsonSyntaxError(text)).toBeNull();
	});

	it.each([
		['{"a":}', 5, 'Expected a value but found "}"'],
		['{"a" 1}', 5, "Expected ':' after the property name but found \"1\""],
		["[1,]", 3, 'Expected a value but found "]"'],
		['{"a":1,}', 7, 'Expected a property name in double quotes but found "}"'],
		["[1 2]", 3, "Expected ',' or ']' after a value but found \"2\""],
		['"abc', 0, "Unterminated string"],
		['"a\nb"', 2, "Control character in a string: escape it (\\n, \\t...)"],
		['"\\x"', 1, "Invalid escape \\x in a string"],
		['"\\u12g4"', 1, "Invalid \\u escape: expected 4 hex digits"],
		['"\\', 1, "Invalid escape \\ in a string"],
		["01", 1, 'Unexpected "1" after the JSON value'],
		["", 0, "Expected a value but found the end of the text"],
		["{'a': 1}", 1, 'Expected a property name in double quotes but found "\'"'],
	])("locates the error in %j", (text, position, message) => {
		expect(findJsonSyntaxError(text)).toMatchObject({ position, message });
	});

	it("gives 1-based lines and columns", () => {
		expect(findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3 });
		expect(locate("abc", 0)).toEqual({ position: 0, line: 1, column: 1 });
	});

	it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels instead of overflowing the stack`, () => {
		const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

		expect(findJsonSyntaxError(deep(MAX_JSON_DEPTH))).toBeNull();
		expect(findJsonSyntaxError(deep(MAX_JSON_DEPTH + 1))?.message).toBe(
			`Nested deeper than ${MAX_JSON_DEPTH} levels`,
		);
		expect(findJsonSyntaxError(deep(100_000))).not.toBeNull();
	});

	it("accepts all JSON that JSON.stringify produces", () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
				expect(findJsonSyntaxError(JSON.stringify(value, null, 2) ?? "null")).toBeNull();
			}),
		);
	});

	it("agrees with JSON.parse on arbitrary JSON-like text", () => {
		const jsonish = fc.string({
			unit: fc.constantFrom(...'{}[],:"\\ \n0123456789-+.eEtrufalsn/bu'.split(""), "true", "null"),
			maxLength: 30,
		});
		fc.assert(
			fc.property(jsonish, (text) => {
				expect(findJsonSyntaxError(text) === null).toBe(parses(text));
			}),
			{ numRuns: 2000 },
		);
	});
});
