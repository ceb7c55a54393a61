/**
 * Validation messages in the user's language. The zod schemas are shared with the API and
 * speak English; the dashboard looks for a translation by field and issue code
 * (`validation.appName.invalid_format`) and shows the schema's own message when there is none.
 */
import type { TFunction } from "i18next";

export interface FieldErrorLike {
	type?: string | number;
	message?: string;
}

export const translateFieldError = (
	t: TFunction,
	field: string,
	error: FieldErrorLike | undefined,
): string | undefined => {
	if (!error) return undefined;
	const code = String(error.type ?? "");
	return t([`validation.${field}.${code}`, `validation.generic.${code}`], {
		defaultValue: error.message ?? "",
	});
};
