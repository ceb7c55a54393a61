// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
import "@testing-library/jest-dom/vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import type { PreviewTemplate } from "./template-editor";
import { WebhookForm } from "./webhook-form";
import {
	emptyWebhookForm,
	generateWebhookSecret,
	type WebhookFormOutput,
} from "./webhook-form-schema";

// Radix measures elements and captures pointers; jsdom does neither.
beforeAll(() => {
	globalThis.ResizeObserver ??= class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
	Element.prototype.hasPointerCapture ??= () => false;
	Element.prototype.releasePointerCapture ??= () => {};
	Element.prototype.scrollIntoView ??= () => {};
});

const fill = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

const chooseTemplate = async (type: string) => {
	fireEvent.pointerDown(screen.getByTestId("webhook-template"), {
		button: 0,
		ctrlKey: false,
		pointerType: "mouse",
	});
	fireEvent.click(await screen.findByTestId(`template-option-${type}`));
};

const okPreview: PreviewTemplate = async ({ customTemplate }) => ({
	ok: true,
	body: `rendered:${customTemplate}`,
});

const renderForm = (
	options: {
		onSubmit?: (values: WebhookFormOutput) => void;
		preview?: PreviewTemplate;
		serverError?: string;
		locale?: "en" | "de" | "fa";
		secret?: string;
	} = {},
) =>
	renderWithI18n(
		<WebhookForm
			idPrefix="test"
			defaultValues={emptyWebhookForm(options.secret ?? generateWebhookSecret())}
			onSubmit={options.onSubmit ?? (() => {})}
			preview={options.preview ?? okPreview}
			serverError={options.serverError ?? null}
			locale="en"
		/>,
		options.locale ?? "en",
	);

describe("WebhookForm", () => {
	afterEach(cleanup);

	it("renders its labels from the locale files, in English and in German", async () => {
		await renderForm();
		expect(screen.getByLabelText("Name")).toBeInTheDocument();
		expect(screen.getByLabelText("URL")).toBeInTheDocument();
		expect(screen.getByText("Signing secret")).toBeInTheDocument();
		expect(screen.getByTestId("webhook-submit")).toHaveTextContent("Create webhook");
		expect(document.body.textContent).not.toMatch(/\b(form|events|templates)\.\w+/);
		cleanup();

		await renderForm({ locale: "de" });
		expect(screen.getByLabelText("Bezeichnung")).toBeInTheDocument();
		expect(screen.getByText("Signaturschlüssel")).toBeInTheDocument();
		expect(screen.getByText("Gestartet")).toBeInTheDocument();
		expect(screen.getByTestId("webhook-submit")).toHaveTextContent("Webhook anlegen");
	});

	it("refuses to submit without a name, a URL and an event, saying why under each field", async () => {
		const onSubmit = vi.fn();
		await renderForm({ onSubmit });
		fireEvent.click(screen.getByTestId("event-success"));
		fireEvent.click(screen.getByTestId("event-failed"));
		fireEvent.click(screen.getByTestId("webhook-submit"));

		expect(await screen.findByText("Name is required.")).toBeInTheDocument();
		expect(screen.getByText("The URL is required.")).toBeInTheDocument();
		expect(screen.getByText("Choose at least one event.")).toBeInTheDocument();
		expect(screen.getByTestId("webhook-name")).toHaveAttribute("aria-invalid", "true");
		expect(onSubmit).not.toHaveBeenCalled();
	});

	it("refuses a URL with credentials or another scheme with the URL rule's message", async () => {
		const onSubmit = vi.fn();
		await renderForm({ onSubmit });
		fill("webhook-name", "Ops");
		fill("webhook-url", "ftp://hooks.example.com/x");
		fireEvent.click(screen.getByTestId("webhook-submit"));
		expect(
			await screen.findByText("Enter a full https:// address without a user name or password."),
		).toBeInTheDocument();
		expect(onSubmit).not.toHaveBeenCalled();
	});

	it("generates a whsec_ secret of 32 random bytes, shows it once with a copy button, and can generate another", async () => {
		await renderForm();
		const secret = screen.getByTestId("webhook-secret") as HTMLInputElement;
		expect(secret.value).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(atob(secret.value.slice(6))).toHaveLength(32);
		expect(
			screen.getByText("Copy the secret now: it is shown only this once."),
		).toBeInTheDocument();
		expect(screen.getByTestId("copy-secret")).toBeInTheDocument();
		const first = secret.value;
		fireEvent.click(screen.getByTestId("regenerate-secret"));
		await waitFor(() =>
			expect((screen.getByTestId("webhook-secret") as HTMLInputElement).value).not.toBe(first),
		);
	});

	it("shows the custom template editor only for the custom template, with a live preview", async () => {
		const preview = vi.fn(okPreview);
		await renderForm({ preview });
		expect(screen.queryByTestId("template-editor")).not.toBeInTheDocument();

		await chooseTemplate("custom");
		expect(await screen.findByTestId("template-editor")).toBeInTheDocument();
		fill("custom-template", '{"text": "${applicationName}"}');
		expect(await screen.findByTestId("template-preview", {}, { timeout: 2_000 })).toHaveTextContent(
			'rendered:{"text": "${applicationName}"}',
		);
		expect(preview).toHaveBeenLastCalledWith({
			customTemplate: '{"text": "${applicationName}"}',
			event: "deployment.success",
		});

		await chooseTemplate("slack");
		await waitFor(() => expect(screen.queryByTestId("template-editor")).not.toBeInTheDocument());
	});

	it("inserts a variable where the cursor is", async () => {
		await renderForm();
		await chooseTemplate("custom");
		const editor = (await screen.findByTestId("custom-template")) as HTMLTextAreaElement;
		fill("custom-template", '{"text": ""}');
		editor.setSelectionRange(10, 10);
		fireEvent.click(screen.getByTestId("variable-status"));
		await waitFor(() => expect(editor.value).toBe('{"text": "${status}"}'));
	});

	it("shows the preview's error at its line and column", async () => {
		await renderForm({
			preview: async () => ({
				ok: false,
				errors: [{ message: "Invalid JSON at line 2, column 3", line: 2, column: 3 }],
			}),
		});
		await chooseTemplate("custom");
		fill("custom-template", "{\n  oops\n}");
		const errors = await screen.findByTestId("template-preview-errors", {}, { timeout: 2_000 });
		expect(errors).toHaveTextContent("Line 2, column 3: Invalid JSON at line 2, column 3");
		expect(errors).toHaveTextContent("2 | oops");
	});

	it("submits the settings in the API's shape: headers as an object, the generated secret, no template", async () => {
		const onSubmit = vi.fn();
		await renderForm({ onSubmit, secret: `whsec_${"A".repeat(43)}=` });
		fill("webhook-name", "Deploy alerts");
		fill("webhook-url", "https://hooks.example.com/dokploy");
		fireEvent.click(screen.getByTestId("event-started"));
		fireEvent.click(screen.getByTestId("add-header"));
		fill("header-name", "Authorization");
		fill("header-value", "Bearer token");
		fireEvent.click(screen.getByTestId("webhook-submit"));

		await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
		expect(onSubmit.mock.calls[0]?.[0]).toEqual({
			name: "Deploy alerts",
			url: "https://hooks.example.com/dokploy",
			templateType: "generic",
			customTemplate: null,
			events: ["deployment.success", "deployment.failed", "deployment.started"],
			headers: { Authorization: "Bearer token" },
			enabled: true,
			secret: `whsec_${"A".repeat(43)}=`,
		});
	});

	it("shows the server's reason inline and keeps everything that was typed", async () => {
		await renderForm({ serverError: "Host hooks.invalid does not exist in DNS (ENOTFOUND)" });
		fill("webhook-name", "Kept");
		expect(screen.getByTestId("webhook-form-error")).toHaveTextContent(
			"Not saved: Host hooks.invalid does not exist in DNS (ENOTFOUND)",
		);
		expect(screen.getByTestId("webhook-name")).toHaveValue("Kept");
	});
});
