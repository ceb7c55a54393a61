import "@testing-library/jest-dom/vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "@/__test__/render-with-i18n";
import { authClient } from "@/lib/auth-client";
import { SignUpForm } from "./sign-up-form";

vi.mock("@/lib/auth-client", () => ({ authClient: { signUp: { email: vi.fn() } } }));

const signUp = vi.mocked(authClient.signUp.email);

const fill = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("SignUpForm", () => {
	afterEach(() => {
		cleanup();
		signUp.mockReset();
	});

	it("shows the translated validation message under each invalid field and sends nothing", async () => {
		await renderWithI18n(<SignUpForm onSignedUp={() => {}} />);
		fill("signup-email", "not-an-email");
		fill("signup-password", "short");
		fireEvent.click(screen.getByTestId("signup-submit"));

		expect(await screen.findByText("Name is required.")).toBeInTheDocument();
		expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
		expect(screen.getByText("The password needs at least 8 characters.")).toBeInTheDocument();
		expect(screen.getByTestId("signup-name")).toHaveAttribute("aria-invalid", "true");
		expect(signUp).not.toHaveBeenCalled();
	});

	it("renders its labels from the English locale file, not raw keys", async () => {
		await renderWithI18n(<SignUpForm onSignedUp={() => {}} />);
		expect(screen.getByLabelText("Name")).toBeInTheDocument();
		expect(screen.getByLabelText("Email")).toBeInTheDocument();
		expect(screen.getByLabelText("Password")).toBeInTheDocument();
		expect(screen.getByTestId("signup-submit")).toHaveTextContent("Sign up");
		expect(document.body.textContent).not.toMatch(/auth\.\w+/);
	});

	it("explains that sign-up is by invitation when the server refuses with 403", async () => {
		signUp.mockResolvedValue({
			data: null,
			error: { status: 403, statusText: "Forbidden", message: "Sign-up is by invitation." },
		} as never);
		const onSignedUp = vi.fn();
		await renderWithI18n(<SignUpForm onSignedUp={onSignedUp} />);
		fill("signup-name", "Grace");
		fill("signup-email", "grace@example.test");
		fill("signup-password", "long-enough-password");
		fireEvent.click(screen.getByTestId("signup-submit"));

		const alert = await screen.findByTestId("signup-error");
		expect(alert).toHaveTextContent(/Sign-up is by invitation only/);
		expect(signUp).toHaveBeenCalledWith({
			name: "Grace",
			email: "grace@example.test",
			password: "long-enough-password",
		});
		expect(onSignedUp).not.toHaveBeenCalled();
	});

	it("continues once the account is created", async () => {
		signUp.mockResolvedValue({ data: { user: {} }, error: null } as never);
		const onSignedUp = vi.fn();
		await renderWithI18n(<SignUpForm onSignedUp={onSignedUp} />);
		fill("signup-name", "Ada");
		fill("signup-email", "ada@example.test");
		fill("signup-password", "long-enough-password");
		fireEvent.click(screen.getByTestId("signup-submit"));
		await waitFor(() => expect(onSignedUp).toHaveBeenCalledOnce());
	});

	it("shows the messages in the reader's language", async () => {
		await renderWithI18n(<SignUpForm onSignedUp={() => {}} />, "fr");
		fireEvent.click(screen.getByTestId("signup-submit"));
		expect(await screen.findByText("Le nom est obligatoire.")).toBeInTheDocument();
		expect(screen.getByTestId("signup-submit")).toHaveTextContent("S'inscrire");
	});
});
