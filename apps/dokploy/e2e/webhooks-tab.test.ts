/**
 * The Webhooks tab in real Chromium, as a new admin uses it: sign in, add a Slack webhook to a
 * local HTTPS receiver, send a test and read the toast, deploy the demo app and watch the
 * deliveries succeed, see a failing receiver's delivery wait as "Retrying (1/3)", redeliver,
 * disable, then read the tab in German and in Persian (right to left).
 *
 * Every step leaves a screenshot in e2e/screenshots/ (git-ignored). With DOCS_IMAGES=update, the
 * three the documentation shows are also written to docs/webhooks/images/; a plain test run
 * leaves the committed images alone.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
	type Receiver,
	respondWith,
	startReceiver,
} from "@dokploy/server/webhooks/__test__/receiver";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { openService, signIn } from "./dashboard";
import { admin, startProduct } from "./product";

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshotsDir = path.join(here, "screenshots");
const docsImagesDir = path.resolve(here, "..", "..", "..", "docs", "webhooks", "images");
const updateDocsImages = process.env.DOCS_IMAGES === "update";

let product: Awaited<ReturnType<typeof startProduct>>;
let receiver: Receiver;
let browser: Browser;
let page: Page;

const shoot = async (name: string, docsName?: string) => {
	await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
	if (docsName && updateDocsImages)
		await page.screenshot({ path: path.join(docsImagesDir, docsName), fullPage: true });
};

const poll = <T>(read: () => T | Promise<T>) =>
	expect.poll(read, { timeout: 60_000, interval: 500 });

const webhookRow = (name: string) => page.getByTestId("webhook-row").filter({ hasText: name });

const chooseOption = async (trigger: Locator, option: string) => {
	await trigger.click();
	await page.getByTestId(option).click();
};

const addWebhook = async (options: {
	name: string;
	url: string;
	template: "generic" | "slack" | "n8n";
	events: Array<"started" | "success" | "failed" | "cancelled">;
	shot?: string;
}) => {
	await page.getByTestId("add-webhook").click();
	const form = page.getByTestId("webhook-form");
	await form.getByTestId("webhook-name").fill(options.name);
	await form.getByTestId("webhook-url").fill(options.url);
	await chooseOption(form.getByTestId("webhook-template"), `template-option-${options.template}`);
	// The form starts with "success" and "failed" ticked.
	for (const event of ["started", "success", "failed", "cancelled"] as const) {
		const box = form.getByTestId(`event-${event}`);
		const ticked = (await box.getAttribute("data-state")) === "checked";
		if (ticked !== options.events.includes(event)) await box.click();
	}
	if (options.shot) await shoot(options.shot);
	await form.getByTestId("webhook-submit").click();
	await poll(() => webhookRow(options.name).count()).toBe(1);
};

const showDeliveries = async (name: string) => {
	await webhookRow(name).getByTestId("show-deliveries").click();
	await poll(() => page.locator("#webhook-deliveries h3").textContent()).toContain(name);
};

const deliveryStatuses = () =>
	page
		.getByTestId("delivery-row")
		.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));

/** The badges of the deliveries panel (the list shows each webhook's last one too). */
const panelBadges = () => page.getByTestId("deliveries-panel").getByTestId("delivery-status");

/** Deploys the demo app from its Deployments tab, waits for the new deployment to finish, comes back. */
const deploy = async () => {
	await page.getByTestId("tab-deployments").click();
	const rows = page.getByTestId("deployment-row");
	await poll(() => page.getByTestId("deployments-empty").or(rows.first()).count()).toBeGreaterThan(
		0,
	);
	const before = await rows.count();
	await page.getByTestId("deploy-button").click();
	await poll(() => rows.count()).toBe(before + 1);
	await poll(() => rows.first().getAttribute("data-status")).toBe("done");
	await page.getByTestId("tab-webhooks").click();
};

beforeAll(async () => {
	mkdirSync(screenshotsDir, { recursive: true });
	mkdirSync(docsImagesDir, { recursive: true });
	receiver = await startReceiver(mkdtempSync(path.join(tmpdir(), "dokploy-e2e-tab-")));
	// One receiver, two behaviours: /fail answers 500 (retried), every other path 200.
	receiver.respond((request, response, index) =>
		request.path === "/fail"
			? respondWith(500, "receiver is down")(request, response, index)
			: respondWith(200, "ok")(request, response, index),
	);
	product = await startProduct({
		WEBHOOK_ALLOWED_HOSTS: "localhost",
		WEBHOOK_CA_FILE: receiver.caFile,
	});
	browser = await launchChromium();
	const context = await browser.newContext({
		baseURL: product.baseUrl,
		viewport: { width: 1280, height: 900 },
	});
	page = await context.newPage();
	page.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
	// The page as the test left it, passed or failed: the first thing to look at after a failure.
	await page?.screenshot({ path: path.join(screenshotsDir, "99-last.png"), fullPage: true });
	await browser?.close();
	await product?.stop();
	await receiver?.close();
});

describe("the Webhooks tab in Chromium", () => {
	it("lets an admin add a webhook, test it, watch deliveries, redeliver, disable, in German and Persian", async () => {
		await signIn(page, admin.email, admin.password);
		await openService(page, "Demo app", "webhooks");
		await poll(() => page.getByTestId("webhooks-empty").isVisible()).toBe(true);
		await shoot("01-empty");

		await addWebhook({
			name: "Team Slack",
			url: receiver.url("/slack"),
			template: "slack",
			events: ["started", "success", "failed"],
			shot: "02-add-dialog",
		});
		await shoot("03-slack-webhook");

		await webhookRow("Team Slack").getByTestId("send-test").click();
		await poll(() => page.locator("[data-sonner-toast]").allTextContents()).toEqual(
			expect.arrayContaining([expect.stringMatching(/Test delivered: HTTP 200 in [\d,.]+\s?ms/)]),
		);
		await shoot("04-test-toast");
		await poll(() => receiver.requests.filter((request) => request.path === "/slack").length).toBe(
			1,
		);

		await addWebhook({
			name: "n8n workflow",
			url: receiver.url("/n8n"),
			template: "n8n",
			events: ["success", "failed"],
		});
		await shoot("05-n8n-webhook", "tab-n8n.png");

		await deploy();
		await showDeliveries("Team Slack");
		await poll(deliveryStatuses).toEqual(["success", "success", "success"]);
		// Three rows, one of them the test send, which the figures leave out and say so.
		await poll(() => page.getByTestId("stats-total").textContent()).toBe("2");
		await poll(() => page.getByTestId("webhook-stats").textContent()).toContain(
			"Test sends are not counted.",
		);
		await page.getByTestId("delivery-row").first().getByTestId("expand-delivery").click();
		await poll(() => page.getByTestId("delivery-body").textContent()).toContain("blocks");
		await shoot("06-deliveries-succeeded", "deliveries-panel.png");
		await page.getByTestId("delivery-row").first().getByTestId("expand-delivery").click();
		await showDeliveries("Team Slack");
		await page.locator("#webhook-deliveries").scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollTo(0, 0));
		await shoot("07-slack-tab", "tab-slack.png");

		await addWebhook({
			name: "Failing receiver",
			url: receiver.url("/fail"),
			template: "generic",
			events: ["started"],
		});
		await deploy();
		await showDeliveries("Failing receiver");
		await poll(() => panelBadges().first().textContent()).toBe("Retrying (1/3)");
		await shoot("08-retrying");

		await showDeliveries("Team Slack");
		const before = await page.getByTestId("delivery-row").count();
		const succeeded = page.locator('[data-testid="delivery-row"][data-status="success"]').first();
		await succeeded.getByTestId("redeliver").click();
		await poll(() => page.getByTestId("delivery-row").count()).toBe(before + 1);
		await poll(() => page.getByTestId("delivery-row").first().getAttribute("data-status")).toBe(
			"success",
		);
		await poll(() => page.getByTestId("delivery-row").first().textContent()).toContain(
			"Redelivery",
		);
		await shoot("09-redelivered");

		await webhookRow("Team Slack").getByTestId("webhook-toggle").click();
		await poll(() =>
			webhookRow("Team Slack").getByTestId("webhook-toggle").getAttribute("aria-checked"),
		).toBe("false");
		await poll(() => page.locator("[data-sonner-toast]").allTextContents()).toEqual(
			expect.arrayContaining([expect.stringContaining("Team Slack is disabled")]),
		);
		await shoot("10-disabled");

		await page.getByTestId("language-switcher").click();
		await page.getByTestId("language-option-de").click();
		await poll(() => page.locator("html").getAttribute("lang")).toBe("de");
		await poll(() => page.getByTestId("add-webhook").textContent()).toBe("Webhook hinzufügen");
		await poll(() => page.getByTestId("tab-webhooks").textContent()).toBe("Webhooks");
		await poll(() => panelBadges().first().textContent()).toMatch(/^(Zugestellt|Ausstehend)$/);
		expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
		await shoot("11-german");

		await page.getByTestId("language-switcher").click();
		await page.getByTestId("language-option-fa").click();
		await poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
		expect(await page.locator("html").getAttribute("lang")).toBe("fa");
		await poll(() => page.getByTestId("add-webhook").textContent()).toBe("افزودن وب‌هوک");
		await poll(() => page.getByTestId("tab-webhooks").textContent()).toBe("وب‌هوک‌ها");
		// Mirrored: the card's title starts at the right edge and its button sits to the left of it.
		const title = await page
			.getByTestId("webhooks-tab")
			.getByText("وب‌هوک‌ها", { exact: true })
			.first()
			.boundingBox();
		const button = await page.getByTestId("add-webhook").boundingBox();
		expect(button!.x + button!.width).toBeLessThan(title!.x);
		await shoot("12-persian");
	}, 300_000);
});
