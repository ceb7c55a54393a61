/**
 * The webhook form (react-hook-form + the shared zod schema), for creating and for editing. It
 * knows nothing of tRPC: the dialog gives it `onSubmit`, `preview` and the server's error, so a
 * failed save leaves every typed value in place and shows the server's reason inline.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { Controller, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { HeadersEditor } from "./headers-editor";
import { CurrentSecretField, NewSecretField } from "./secret-field";
import { type PreviewTemplate, TemplateEditor } from "./template-editor";
import { WebhookFields } from "./webhook-fields";
import {
	generateWebhookSecret,
	type WebhookFormInput,
	type WebhookFormOutput,
	webhookFormSchema,
} from "./webhook-form-schema";

export interface ExistingSecret {
	secretHint: string;
	previousSecretExpiresAt: string | null;
	onRotate: () => void;
}

export const WebhookForm = ({
	idPrefix,
	defaultValues,
	existingSecret,
	onSubmit,
	preview,
	serverError,
	submitting,
	locale,
}: {
	idPrefix: string;
	defaultValues: WebhookFormInput;
	/** Editing: the secret in use. Creating: absent, and the form shows the new secret. */
	existingSecret?: ExistingSecret;
	onSubmit: (values: WebhookFormOutput) => void | Promise<void>;
	preview: PreviewTemplate;
	serverError?: string | null;
	submitting?: boolean;
	locale: string;
}) => {
	const { t } = useTranslation("webhook");
	const form = useForm<WebhookFormInput, unknown, WebhookFormOutput>({
		resolver: zodResolver(webhookFormSchema),
		defaultValues,
	});
	const templateType = useWatch({ control: form.control, name: "templateType" });
	const secret = useWatch({ control: form.control, name: "secret" });
	const templateError = form.formState.errors.customTemplate;

	return (
		<form
			className="flex flex-col gap-5"
			noValidate
			onSubmit={form.handleSubmit(onSubmit)}
			data-testid="webhook-form"
		>
			<WebhookFields form={form} idPrefix={idPrefix} />
			{existingSecret ? (
				<CurrentSecretField
					secretHint={existingSecret.secretHint}
					previousSecretExpiresAt={existingSecret.previousSecretExpiresAt}
					locale={locale}
					onRotate={existingSecret.onRotate}
				/>
			) : secret ? (
				<NewSecretField
					id={`${idPrefix}-secret`}
					secret={secret}
					onRegenerate={() => form.setValue("secret", generateWebhookSecret())}
				/>
			) : null}
			<Controller
				control={form.control}
				name="headers"
				render={({ field }) => (
					<HeadersEditor rows={field.value} onChange={field.onChange} idPrefix={idPrefix} />
				)}
			/>
			{templateType === "custom" ? (
				<div className="flex flex-col gap-1">
					<Controller
						control={form.control}
						name="customTemplate"
						render={({ field }) => (
							<TemplateEditor
								id={`${idPrefix}-customTemplate`}
								value={field.value}
								onChange={field.onChange}
								preview={preview}
							/>
						)}
					/>
					{templateError ? (
						<p
							role="alert"
							className="text-xs text-destructive"
							data-testid="custom-template-error"
						>
							{t(`validation.customTemplate.${String(templateError.type ?? "")}`, {
								defaultValue: templateError.message ?? "",
							})}
						</p>
					) : null}
				</div>
			) : null}
			{serverError ? (
				<p
					role="alert"
					className="rounded-md border border-destructive/40 bg-red-50 p-3 text-sm text-destructive"
					data-testid="webhook-form-error"
				>
					{t("form.saveFailed", { message: serverError })}
				</p>
			) : null}
			<div className="flex justify-end gap-2">
				<Button type="submit" disabled={submitting} data-testid="webhook-submit">
					{submitting ? t("form.saving") : existingSecret ? t("form.save") : t("form.create")}
				</Button>
			</div>
		</form>
	);
};
