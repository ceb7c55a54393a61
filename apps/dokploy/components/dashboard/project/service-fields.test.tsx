import "@testing-library/jest-dom/vitest";
import { zodResolver } from "@hookform/resolvers/zod";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { ServiceFields } from "./service-fields";
import {
	emptyServiceForm,
	type ServiceFormInput,
	type ServiceFormOutput,
	serviceFormSchema,
} from "./service-form-schema";

/** The fields inside a form, the way the create and edit dialogs use them. */
const ServiceForm = ({ onValid }: { onValid: (values: ServiceFormOutput) => void }) => {
	const form = useForm<ServiceFormInput, unknown, ServiceFormOutput>({
		resolver: zodResolver(serviceFormSchema),
		defaultValues: emptyServiceForm,
	});
	return (
		<form onSubmit={form.handleSubmit(onValid)} noValidate>
			<ServiceFields form={form} idPrefix="test" />
			<button type="submit">submit</button>
		</form>
	);
};

const fill = (field: keyof ServiceFormInput, value: string) =>
	fireEvent.change(screen.getByTestId(`service-${field}`), { target: { value } });

describe("ServiceFields", () => {
	afterEach(cleanup);

	it("shows the shared schema's rules as translated messages next to each field", async () => {
		const onValid = vi.fn();
		await renderWithI18n(<ServiceForm onValid={onValid} />);
		fill("appName", "Not Valid");
		fill("branch", "feature/../main");
		fill("deploySchedule", "every day");
		fill("domains", "ok.example.com, not a domain!");
		fireEvent.click(screen.getByText("submit"));

		expect(await screen.findByText("Name is required.")).toBeInTheDocument();
		expect(screen.getByTestId("test-appName-error")).toHaveTextContent(
			"App name may use lowercase letters, digits and dashes",
		);
		expect(screen.getByTestId("test-branch-error")).toHaveTextContent("Not a valid branch name.");
		expect(screen.getByTestId("test-deploySchedule-error")).toHaveTextContent(
			"Not a valid cron expression",
		);
		expect(screen.getByTestId("test-domains-error")).toHaveTextContent(
			"Each domain must be a host name",
		);
		expect(onValid).not.toHaveBeenCalled();
	});

	it("labels every field in English", async () => {
		await renderWithI18n(<ServiceForm onValid={() => {}} />);
		for (const label of [
			"Name",
			"App name",
			"Description",
			"Repository",
			"Branch",
			"Deploy schedule",
			"Build command",
			"Domains",
		]) {
			expect(screen.getByLabelText(label)).toBeInTheDocument();
		}
		expect(screen.getByText("Source")).toBeInTheDocument();
	});

	it("turns valid input into the API's fields: blanks become null, domains a list", async () => {
		const onValid = vi.fn();
		await renderWithI18n(<ServiceForm onValid={onValid} />);
		fill("name", "Web");
		fill("appName", "web-1");
		fill("branch", "");
		fill("domains", "web.example.com\napi.example.com");
		fill("deploySchedule", "*/15 * * * *");
		fill("buildCommand", "pnpm build");
		fireEvent.click(screen.getByText("submit"));

		await waitFor(() => expect(onValid).toHaveBeenCalledOnce());
		expect(onValid.mock.calls[0]?.[0]).toEqual({
			name: "Web",
			appName: "web-1",
			description: null,
			sourceType: "git",
			repository: null,
			branch: null,
			buildCommand: "pnpm build",
			domains: ["web.example.com", "api.example.com"],
			deploySchedule: "*/15 * * * *",
		});
	});

	it("shows the messages in Japanese for a Japanese reader", async () => {
		await renderWithI18n(<ServiceForm onValid={() => {}} />, "ja");
		fireEvent.click(screen.getByText("submit"));
		expect(await screen.findByText("名前は必須です。")).toBeInTheDocument();
		expect(screen.getByLabelText("アプリ名")).toBeInTheDocument();
	});
});
