import { useTranslation } from "next-i18next/pages";
import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";
import { type FieldErrorLike, translateFieldError } from "@/lib/field-errors";

/**
 * A label, its control and the control's error, translated, announced to screen readers. The
 * error's translation is looked up in `namespace` (the webhook tab keeps its own messages).
 */
export const FormField = ({
	id,
	field,
	namespace = "common",
	label,
	hint,
	error,
	children,
}: {
	id: string;
	/** The schema field name, used to find the translated message. */
	field: string;
	namespace?: string;
	label: string;
	hint?: string;
	error?: FieldErrorLike;
	children: ReactNode;
}) => {
	const { t } = useTranslation(namespace);
	const message = translateFieldError(t, field, error);
	return (
		<div className="flex flex-col gap-1.5">
			<Label htmlFor={id}>{label}</Label>
			{children}
			{hint && !message ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
			{message ? (
				<p role="alert" className="text-xs text-destructive" data-testid={`${id}-error`}>
					{message}
				</p>
			) : null}
		</div>
	);
};
