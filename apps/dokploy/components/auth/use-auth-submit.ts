import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/** What better-auth's client answers with when it refuses. */
interface AuthRefusal {
	status: number;
	message?: string;
}

/**
 * Submits a sign-in or sign-up form through better-auth's client. A refusal becomes the form's
 * alert, in the words `describe` gives it; otherwise `onDone` runs.
 */
export const useAuthSubmit = <Values extends FieldValues>(
	form: UseFormReturn<Values>,
	send: (values: Values) => Promise<{ error: AuthRefusal | null }>,
	describe: (refusal: AuthRefusal) => string,
	onDone: () => unknown,
) => {
	const [failure, setFailure] = useState<string | null>(null);
	const submit = form.handleSubmit(async (values) => {
		setFailure(null);
		const { error } = await send(values);
		if (error) {
			setFailure(describe(error));
			return;
		}
		await onDone();
	});
	return { failure, submit };
};
