import { useTranslation } from "next-i18next/pages";
import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";

export interface WebhookFieldError {
	type?: string | number;
	message?: string;
}

/**
 * A label, its control and its error. The shared schemas speak English; the tab looks for a
 * translation by field and issue code (`validation.url.custom`) and shows the schema's own
 * message when there is none.
 */
export const WebhookField = ({
	id,
	field,
	label,
	hint,
	error,
	children,
}: {
	id: string;
	field: string;
	label: string;
	hint?: ReactNode;
	error?: WebhookFieldError | undefined;
	children: ReactNode;
}) => {
	const { t } = useTranslation("webhook");
	const message = error
		? t(`validation.${field}.${String(error.type ?? "")}`, { defaultValue: error.message ?? "" })
		: undefined;
	return (
		<div className="flex flex-col gap-1.5">
			<Label htmlFor={id}>{label}</Label>
			{children}
			{hint && !message ? <div className="text-xs text-muted-foreground">{hint}</div> : null}
			{message ? (
				<p role="alert" className="text-xs text-destructive" data-testid={`${id}-error`}>
					{message}
				</p>
			) : null}
		</div>
	);
};
