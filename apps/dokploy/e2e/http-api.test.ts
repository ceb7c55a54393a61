/**
 * The tRPC HTTP endpoint of the real, built product: whatever is wrong with a request, the
 * answer is the tRPC error envelope that docs/webhooks/http-api.md describes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProduct } from "./product";

describe("the tRPC HTTP endpoint", () => {
	let product: Awaited<ReturnType<typeof startProduct>>;

	beforeAll(async () => {
		product = await startProduct();
	}, 120_000);

	afterAll(async () => {
		await product?.stop();
	});

	it("answers a malformed JSON body with the tRPC error envelope (BAD_REQUEST, 400), not plain text", async () => {
		const response = await fetch(`${product.baseUrl}/api/trpc/project.create`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: '{"json": {"name": "unterminated',
		});
		expect(response.status).toBe(400);
		expect(response.headers.get("content-type")).toContain("application/json");
		const body = (await response.json()) as {
			error: { json: { message: string; data: { code: string; httpStatus: number } } };
		};
		expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
	});

	it("still bounds the body it now reads itself: over 1 MB is PAYLOAD_TOO_LARGE (413)", async () => {
		const response = await fetch(`${product.baseUrl}/api/trpc/project.create`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ json: { name: "x".repeat(1024 * 1024) } }),
		});
		expect(response.status).toBe(413);
		const body = (await response.json()) as { error: { json: { data: { code: string } } } };
		expect(body.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
	});
});
