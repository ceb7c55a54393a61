/** A form-level error (the server refused), as opposed to a field's validation message. */
export const FormAlert = ({ message, testId }: { message: string | null; testId: string }) =>
	message ? (
		<div
			role="alert"
			data-testid={testId}
			className="rounded-md border border-destructive/40 bg-red-50 px-3 py-2 text-sm text-destructive"
		>
			{message}
		</div>
	) : null;
