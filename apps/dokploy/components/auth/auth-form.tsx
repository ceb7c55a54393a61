import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "./form-alert";

/** The frame of the sign-in and sign-up forms; test ids start with `name` ("signin", "signup"). */
export const AuthForm = ({
	name,
	failure,
	onSubmit,
	submitting,
	submitLabel,
	children,
}: {
	name: string;
	failure: string | null;
	onSubmit: FormEventHandler<HTMLFormElement>;
	submitting: boolean;
	/** What the button says, while submitting and otherwise. */
	submitLabel: string;
	children: ReactNode;
}) => (
	<form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
		<FormAlert message={failure} testId={`${name}-error`} />
		{children}
		<Button type="submit" disabled={submitting} data-testid={`${name}-submit`}>
			{submitLabel}
		</Button>
	</form>
);
