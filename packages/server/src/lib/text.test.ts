import { describe, expect, it } from "vitest";
import { z } from "zod";
import { containsNulByte, NUL_BYTE_MESSAGE, withoutNulBytes } from "./text";

describe("containsNulByte", () => {
	it.each([
		["a bare string", "a\u0000b"],
		["a nested value", { webhook: { headers: [{ name: "X", value: "v\u0000" }] } }],
		["an object key", { "na\u0000me": "x" }],
		["an array item", ["ok", ["deep\u0000"]]],
	])("finds U+0000 in %s", (_label, value) => {
		expect(containsNulByte(value)).toBe(true);
	});

	it.each([
		["ordinary text", "déploiement 🚀"],
		["numbers, booleans and nulls", { a: 1, b: true, c: null, d: undefined }],
		["a visible escape, not the character", "\\u0000"],
	])("accepts %s", (_label, value) => {
		expect(containsNulByte(value)).toBe(false);
	});

	it("refuses input nested deeper than any real input, instead of walking on", () => {
		let value: unknown = "leaf";
		for (let level = 0; level < 40; level++) value = [value];
		expect(containsNulByte(value)).toBe(true);
	});
});

describe("withoutNulBytes", () => {
	it("refuses U+0000 with a clear message and keeps the wrapped rules", () => {
		const name = withoutNulBytes(z.string().min(1));
		expect(name.safeParse("Ops").success).toBe(true);
		expect(name.safeParse("").success).toBe(false);
		const refused = name.safeParse("Ops\u0000");
		expect(refused.error?.issues[0]?.message).toBe(NUL_BYTE_MESSAGE);
	});
});
