import "@testing-library/jest-dom/vitest";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { MemberNotice } from "./member-notice";

const members = [
	{ name: "Olga Owner", email: "olga@example.test", role: "owner" },
	{ name: "Adam Admin", email: "adam@example.test", role: "admin" },
	{ name: "Mia Member", email: "mia@example.test", role: "member" },
];

// The notice reads the organization's members through tRPC; here they come from a fixed list.
vi.mock("@/lib/trpc", () => ({
	api: {
		organization: {
			members: { useQuery: () => ({ isPending: false, data: { members, invitations: [] } }) },
		},
	},
}));

describe("MemberNotice", () => {
	afterEach(cleanup);

	it("tells a member why webhooks are hidden and lists the owners and admins who can help", async () => {
		await renderWithI18n(<MemberNotice />);
		expect(screen.getByText("Only owners and admins manage webhooks")).toBeInTheDocument();
		const helpers = screen.getByTestId("webhook-helpers");
		expect(helpers).toHaveTextContent("Olga Owner");
		expect(helpers).toHaveTextContent("adam@example.test");
		expect(helpers).toHaveTextContent("(Admin)");
		expect(helpers).not.toHaveTextContent("Mia Member");
		expect(screen.getByRole("link", { name: "olga@example.test" })).toHaveAttribute(
			"href",
			"mailto:olga@example.test",
		);
	});

	it("says it in Persian for a Persian reader", async () => {
		await renderWithI18n(<MemberNotice />, "fa");
		expect(screen.getByText("فقط مالکان و مدیران وب‌هوک‌ها را مدیریت می‌کنند")).toBeInTheDocument();
		expect(screen.getByTestId("webhook-helpers")).toHaveTextContent("(مدیر)");
	});
});
