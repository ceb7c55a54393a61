import { describe, expect, it } from "vitest";
import { visibleServiceTabs } from "./service-tabs";

const tabsFor = (role: "owner" | "admin" | "member", webhooks: boolean) =>
	visibleServiceTabs({ role, features: { webhooks } }).map((tab) => tab.value);

describe("the service page's tabs", () => {
	it("shows the Webhooks tab to owners, admins and members (who learn there whom to ask)", () => {
		for (const role of ["owner", "admin", "member"] as const) {
			expect(tabsFor(role, true)).toEqual(["general", "deployments", "webhooks"]);
		}
	});

	it("hides the Webhooks tab from everyone when WEBHOOKS_ENABLED is false", () => {
		for (const role of ["owner", "admin", "member"] as const) {
			expect(tabsFor(role, false)).toEqual(["general", "deployments"]);
		}
	});
});
