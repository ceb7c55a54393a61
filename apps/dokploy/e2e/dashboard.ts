/** Steps of the dashboard as a person takes them, shared by the browser tests. */
import type { Page } from "playwright-core";

export const signIn = async (page: Page, email: string, password: string) => {
	await page.goto("/");
	await page.getByTestId("signin-email").fill(email);
	await page.getByTestId("signin-password").fill(password);
	await page.getByTestId("signin-submit").click();
	await page.waitForURL("**/dashboard/projects");
};

/** From the projects page: the Demo project, then the named service, then one of its tabs. */
export const openService = async (page: Page, name: string, tab: string) => {
	await page.getByTestId("project-card").filter({ hasText: "Demo" }).first().click();
	await page.getByTestId("service-card").filter({ hasText: name }).first().click();
	await page.getByTestId(`tab-${tab}`).click();
};
