import type { ReactNode } from "react";
import { Controller, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import {
	Select,
	SelectContent,
	SelectItem,
	SelectTrigger,
	SelectValue,
} from "@/components/ui/select";
import { FormField } from "./form-field";

/** A labelled choice among fixed options, bound to one field of a react-hook-form form. */
export const SelectField = <
	Values extends FieldValues,
	Output extends FieldValues,
	Option extends string,
>({
	form,
	field,
	id,
	testId,
	namespace,
	label,
	hint,
	options,
	renderOption,
	optionTestId,
}: {
	form: UseFormReturn<Values, unknown, Output>;
	field: Path<Values>;
	id: string;
	testId: string;
	namespace?: string;
	label: string;
	hint?: string;
	options: readonly Option[];
	renderOption: (option: Option) => ReactNode;
	optionTestId?: (option: Option) => string;
}) => (
	<FormField namespace={namespace} id={id} field={field} label={label} hint={hint}>
		<Controller
			control={form.control}
			name={field}
			render={({ field: control }) => (
				<Select value={control.value} onValueChange={control.onChange}>
					<SelectTrigger id={id} data-testid={testId}>
						<SelectValue />
					</SelectTrigger>
					<SelectContent>
						{options.map((option) => (
							<SelectItem key={option} value={option} data-testid={optionTestId?.(option)}>
								{renderOption(option)}
							</SelectItem>
						))}
					</SelectContent>
				</Select>
			)}
		/>
	</FormField>
);
