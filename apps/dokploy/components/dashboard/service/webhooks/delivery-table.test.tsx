import "@testing-library/jest-dom/vitest";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { DeliveryTable } from "./delivery-table";
import type { DeliveryRow } from "./use-webhooks";

const now = new Date().toISOString();

const delivery = (id: string, changes: Partial<DeliveryRow>): DeliveryRow => ({
	deliveryId: id,
	webhookId: "wh",
	idempotencyKey: `key-${id}`,
	redeliveryOf: null,
	isTest: false,
	serviceType: "application",
	serviceId: "app",
	deploymentId: "dep",
	event: "deployment.success",
	body: '{"event":"deployment.success","n":1}',
	status: "success",
	attempts: [],
	attemptCount: 0,
	deferredCount: 0,
	nextAttemptAt: null,
	statusDetail: null,
	lastHttpStatus: null,
	lastDurationMs: null,
	lastError: null,
	createdAt: now,
	finishedAt: null,
	...changes,
});

const rows: DeliveryRow[] = [
	delivery("pending", { status: "pending" }),
	delivery("retrying", {
		status: "retrying",
		event: "deployment.failed",
		attemptCount: 1,
		lastHttpStatus: 500,
		lastDurationMs: 42,
		nextAttemptAt: new Date(Date.now() + 30_000).toISOString(),
		attempts: [
			{
				number: 1,
				at: now,
				httpStatus: 500,
				durationMs: 42,
				outcome: "retry",
				error: "HTTP 500",
				responseExcerpt: "receiver is down",
			},
		],
	}),
	delivery("success", {
		status: "success",
		attemptCount: 1,
		lastHttpStatus: 200,
		lastDurationMs: 7,
		attempts: [
			{
				number: 1,
				at: now,
				httpStatus: 200,
				durationMs: 7,
				outcome: "success",
				error: null,
				responseExcerpt: "ok",
			},
		],
	}),
	delivery("failed", { status: "failed", attemptCount: 4, lastHttpStatus: 404 }),
];

const Harness = ({ onRedeliver }: { onRedeliver: (row: DeliveryRow) => void }) => {
	const [expandedId, setExpandedId] = useState<string | null>(null);
	return (
		<DeliveryTable
			deliveries={rows}
			expandedId={expandedId}
			onToggleExpanded={(id) => setExpandedId(id === expandedId ? null : id)}
			onRedeliver={onRedeliver}
			redeliveringId={null}
			locale="en"
		/>
	);
};

const row = (id: string) =>
	screen.getAllByTestId("delivery-row").find((element) => element.dataset.deliveryId === id)!;

describe("DeliveryTable", () => {
	afterEach(cleanup);

	it("labels each status: Pending, Retrying (n/3), Succeeded, Failed", async () => {
		await renderWithI18n(<Harness onRedeliver={() => {}} />);
		expect(screen.getAllByTestId("delivery-status").map((badge) => badge.textContent)).toEqual([
			"Pending",
			"Retrying (1/3)",
			"Succeeded",
			"Failed",
		]);
		expect(within(row("retrying")).getByText("500")).toBeInTheDocument();
		expect(within(row("retrying")).getByText("42 ms")).toBeInTheDocument();
		expect(within(row("retrying")).getByText("in 30 seconds")).toBeInTheDocument();
	});

	it("shows the badges in German", async () => {
		await renderWithI18n(<Harness onRedeliver={() => {}} />, "de");
		expect(screen.getAllByTestId("delivery-status").map((badge) => badge.textContent)).toEqual([
			"Ausstehend",
			"Neuer Versuch (1/3)",
			"Zugestellt",
			"Fehlgeschlagen",
		]);
	});

	it("opens a row to its attempts, the response excerpt and the exact signed body, and closes it", async () => {
		await renderWithI18n(<Harness onRedeliver={() => {}} />);
		fireEvent.click(within(row("retrying")).getByTestId("expand-delivery"));
		const details = screen.getByTestId("delivery-details");
		expect(within(details).getByText("Attempt 1")).toBeInTheDocument();
		expect(within(details).getByText("Will retry")).toBeInTheDocument();
		expect(within(details).getByText("receiver is down")).toBeInTheDocument();
		expect(within(details).getByText("Delivery id: key-retrying")).toBeInTheDocument();
		expect(within(details).getByTestId("delivery-body").textContent).toBe(
			JSON.stringify({ event: "deployment.success", n: 1 }, null, 2),
		);
		fireEvent.click(within(row("retrying")).getByTestId("expand-delivery"));
		expect(screen.queryByTestId("delivery-details")).not.toBeInTheDocument();
	});

	it("redelivers a finished delivery, and not one still under way", async () => {
		const onRedeliver = vi.fn();
		await renderWithI18n(<Harness onRedeliver={onRedeliver} />);
		expect(within(row("pending")).getByTestId("redeliver")).toBeDisabled();
		expect(within(row("retrying")).getByTestId("redeliver")).toBeDisabled();
		fireEvent.click(within(row("failed")).getByTestId("redeliver"));
		expect(onRedeliver).toHaveBeenCalledOnce();
		expect(onRedeliver.mock.calls[0]?.[0].deliveryId).toBe("failed");
	});
});
