import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { FormField } from "./form-field";

/** A labelled text input registered on a react-hook-form form, with its translated error. */
export const TextField = <Values extends FieldValues, Output extends FieldValues = Values>({
	form,
	field,
	id,
	testId = id,
	label,
	hint,
	type,
	autoComplete,
}: {
	form: UseFormReturn<Values, unknown, Output>;
	field: Path<Values>;
	id: string;
	/** The control's data-testid; its id unless given. */
	testId?: string;
	label: string;
	hint?: string;
	type?: "email" | "password";
	autoComplete?: string;
}) => {
	const { error } = form.getFieldState(field, form.formState);
	return (
		<FormField id={id} field={field} label={label} hint={hint} error={error}>
			<Input
				id={id}
				type={type}
				autoComplete={autoComplete}
				data-testid={testId}
				aria-invalid={Boolean(error)}
				{...form.register(field)}
			/>
		</FormField>
	);
};
