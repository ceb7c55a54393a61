import "@testing-library/jest-dom/vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { HeadersEditor } from "./headers-editor";
import type { HeaderRow } from "./webhook-form-schema";

const Harness = ({ initial }: { initial: HeaderRow[] }) => {
	const [rows, setRows] = useState(initial);
	return <HeadersEditor rows={rows} onChange={setRows} idPrefix="test" />;
};

const errorFor = (name: string, value = "v") => {
	const row = screen.getAllByTestId("header-row").at(-1)!;
	fireEvent.change(row.querySelector('[data-testid="header-name"]')!, { target: { value: name } });
	fireEvent.change(row.querySelector('[data-testid="header-value"]')!, { target: { value } });
	return row.querySelector('[data-testid="header-error"]');
};

describe("HeadersEditor", () => {
	afterEach(cleanup);

	it.each([
		["Content-Type", "v", "reserved", "Content-Type is set by Dokploy and cannot be changed."],
		[
			"X-Dokploy-Signature",
			"v",
			"reserved",
			"X-Dokploy-Signature is set by Dokploy and cannot be changed.",
		],
		["webhook-id", "v", "reserved", "webhook-id is set by Dokploy and cannot be changed."],
		["Host", "v", "reserved", "Host is set by Dokploy and cannot be changed."],
		[
			"Transfer-Encoding",
			"chunked",
			"hop_by_hop",
			"Transfer-Encoding controls the connection and cannot be sent.",
		],
		["Connection", "close", "hop_by_hop", "Connection controls the connection and cannot be sent."],
		["Expect", "100-continue", "hop_by_hop", "Expect controls the connection and cannot be sent."],
		[
			"Bad Name",
			"v",
			"invalid_name",
			"A header name uses only letters, digits and !#$%&'*+-.^_`|~.",
		],
		[
			"X-Name",
			"héllo",
			"invalid_value",
			"The value may only contain visible ASCII characters and spaces.",
		],
		["X-Long", "a".repeat(1025), "value_too_long", "The value is at most 1024 characters."],
	])("refuses %s as it is typed (%s)", async (name, value, code, message) => {
		await renderWithI18n(<Harness initial={[{ name: "", value: "" }]} />);
		const error = errorFor(name, value);
		expect(error).toHaveAttribute("data-code", code);
		expect(error).toHaveTextContent(message);
		expect(screen.getAllByTestId("header-name").at(-1)).toHaveAttribute(
			"aria-invalid",
			String(code !== "invalid_value" && code !== "value_too_long"),
		);
	});

	it("refuses the same name twice, whatever its case", async () => {
		await renderWithI18n(
			<Harness
				initial={[
					{ name: "X-Team", value: "a" },
					{ name: "", value: "" },
				]}
			/>,
		);
		expect(errorFor("x-team")).toHaveTextContent("x-team is given twice.");
	});

	it("accepts an ordinary header and adds and removes rows", async () => {
		await renderWithI18n(<Harness initial={[]} />);
		fireEvent.click(screen.getByTestId("add-header"));
		expect(errorFor("Authorization", "Bearer abc")).toBeNull();
		fireEvent.click(screen.getByRole("button", { name: "Remove header Authorization" }));
		expect(screen.queryAllByTestId("header-row")).toHaveLength(0);
	});

	it("says why in German for a German admin", async () => {
		await renderWithI18n(<Harness initial={[{ name: "", value: "" }]} />, "de");
		expect(errorFor("Upgrade", "websocket")).toHaveTextContent(
			"Upgrade steuert die Verbindung und kann nicht gesendet werden.",
		);
	});
});
