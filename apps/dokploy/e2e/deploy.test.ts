/**
 * The product as a person uses it, in real Chromium: a stranger cannot sign up, the admin
 * invites a colleague, the colleague signs up, deploys the demo app and watches it finish,
 * then deploys the broken app and watches it fail.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { openService, signIn } from "./dashboard";
import { admin, startProduct } from "./product";

let product: Awaited<ReturnType<typeof startProduct>>;
let browser: Browser;

beforeAll(async () => {
	product = await startProduct();
	browser = await launchChromium();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await product?.stop();
});

const newPage = async () => {
	const context = await browser.newContext({ baseURL: product.baseUrl });
	const page = await context.newPage();
	page.setDefaultTimeout(20_000);
	return page;
};

const deployAndWait = async (page: Page, status: "done" | "error") => {
	await page.getByTestId("deploy-button").click();
	const row = page.getByTestId("deployment-row").first();
	await expect
		.poll(async () => row.getAttribute("data-status"), { timeout: 60_000, interval: 500 })
		.toBe(status);
	return row;
};

describe("the dashboard in Chromium", () => {
	it("refuses a stranger's sign-up because sign-up is by invitation", async () => {
		const page = await newPage();
		await page.goto("/register");
		await page.getByTestId("signup-name").fill("Stranger");
		await page.getByTestId("signup-email").fill("stranger@e2e.test");
		await page.getByTestId("signup-password").fill("stranger-password");
		await page.getByTestId("signup-submit").click();
		await expect.poll(() => page.getByTestId("signup-error").textContent()).toMatch(/invitation/i);
		await page.context().close();
	});

	it("lets an invited user sign up, deploy the demo app to done and see the broken app fail", async () => {
		const adminPage = await newPage();
		await signIn(adminPage, admin.email, admin.password);
		await adminPage.goto("/dashboard/members");
		await adminPage.getByTestId("invite-member-button").click();
		await adminPage.getByTestId("invite-email").fill("colleague@e2e.test");
		await adminPage.getByTestId("invite-submit").click();
		await expect
			.poll(() => adminPage.getByTestId("invitation-row").allTextContents())
			.toEqual(expect.arrayContaining([expect.stringContaining("colleague@e2e.test")]));
		await adminPage.context().close();

		const page = await newPage();
		await page.goto("/register");
		await page.getByTestId("signup-name").fill("Colleague");
		await page.getByTestId("signup-email").fill("colleague@e2e.test");
		await page.getByTestId("signup-password").fill("colleague-password");
		await page.getByTestId("signup-submit").click();
		await page.waitForURL("**/dashboard/projects");

		await openService(page, "Demo app", "deployments");
		const done = await deployAndWait(page, "done");
		await done.getByTestId("view-log-button").click();
		await expect
			.poll(() => page.getByTestId("deployment-log").textContent())
			.toContain("Build complete");
		await page.keyboard.press("Escape");
		await page.screenshot({ path: `${product.dataDir}/demo-app-done.png`, fullPage: true });

		await page.goto("/dashboard/projects");
		await openService(page, "Broken app", "deployments");
		const failed = await deployAndWait(page, "error");
		await expect
			.poll(() => failed.getByTestId("deployment-error").textContent())
			.toMatch(/exited with code 1/);
	});
});
