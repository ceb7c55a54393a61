/**
 * "Add webhook" and "Edit": the form in a dialog, wired to the API. The dialog closes only on a
 * successful save; on failure it stays open with everything that was typed and the server's
 * message. Editing can also rotate the secret (its own dialog shows the new one once).
 */
import type { WebhookEvent } from "@dokploy/server/db/schema/webhook-api";
import { TRPCClientError } from "@trpc/client";
import { useTranslation } from "next-i18next/pages";
import { type ReactNode, useCallback, useState } from "react";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogHeader,
	DialogTitle,
} from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import type { ServiceKey } from "../use-service";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { serviceTarget, useRefreshWebhooks, type WebhookListItem } from "./use-webhooks";
import { WebhookForm } from "./webhook-form";
import {
	emptyWebhookForm,
	generateWebhookSecret,
	type WebhookFormInput,
	type WebhookFormOutput,
} from "./webhook-form-schema";

const toFormValues = (webhook: WebhookListItem): WebhookFormInput => ({
	name: webhook.name,
	url: webhook.url,
	templateType: webhook.templateType,
	customTemplate: webhook.customTemplate ?? "",
	events: webhook.events as WebhookEvent[],
	headers: Object.entries(webhook.headers).map(([name, value]) => ({ name, value })),
	enabled: webhook.enabled,
});

const messageOf = (error: unknown) =>
	error instanceof TRPCClientError || error instanceof Error ? error.message : String(error);

/** The live preview of the template editor, from the server's renderer. */
const usePreviewTemplate = () => {
	const utils = api.useUtils();
	return useCallback(
		({ customTemplate, event }: { customTemplate: string; event: WebhookEvent }) =>
			utils.webhook.preview.fetch({ templateType: "custom", customTemplate, event }),
		[utils],
	);
};

export const WebhookFormDialog = ({
	serviceKey,
	webhook,
	open,
	onOpenChange,
	locale,
}: {
	serviceKey: ServiceKey;
	/** The webhook to edit; creating when absent. */
	webhook?: WebhookListItem | undefined;
	open: boolean;
	onOpenChange: (open: boolean) => void;
	locale: string;
}) => {
	const { t } = useTranslation("webhook");
	const { t: common } = useTranslation("common");
	const refresh = useRefreshWebhooks();
	const preview = usePreviewTemplate();
	const [serverError, setServerError] = useState<string | null>(null);
	const [rotating, setRotating] = useState(false);
	const create = api.webhook.create.useMutation();
	const update = api.webhook.update.useMutation();

	const submit = async (values: WebhookFormOutput) => {
		setServerError(null);
		try {
			if (webhook) {
				const { secret: _unused, ...changes } = values;
				await update.mutateAsync({ webhookId: webhook.webhookId, ...changes });
				toast.success(t("form.saved", { name: values.name }));
			} else {
				await create.mutateAsync({ ...serviceTarget(serviceKey), ...values });
				toast.success(t("form.created", { name: values.name }));
			}
			await refresh();
			onOpenChange(false);
		} catch (error) {
			setServerError(messageOf(error));
		}
	};

	const changeOpen = (next: boolean) => {
		if (!next) setServerError(null);
		onOpenChange(next);
	};

	let body: ReactNode = null;
	if (open) {
		body = (
			<WebhookForm
				// A fresh form (and, when creating, a fresh secret) each time the dialog opens.
				key={webhook?.webhookId ?? "new"}
				idPrefix={webhook ? `edit-${webhook.webhookId}` : "create-webhook"}
				defaultValues={webhook ? toFormValues(webhook) : emptyWebhookForm(generateWebhookSecret())}
				existingSecret={
					webhook
						? {
								secretHint: webhook.secretHint,
								previousSecretExpiresAt: webhook.previousSecretExpiresAt,
								onRotate: () => setRotating(true),
							}
						: undefined
				}
				onSubmit={submit}
				preview={preview}
				serverError={serverError}
				submitting={create.isPending || update.isPending}
				locale={locale}
			/>
		);
	}

	return (
		<>
			<Dialog open={open} onOpenChange={changeOpen}>
				<DialogContent className="sm:max-w-2xl" closeLabel={common("actions.close")}>
					<DialogHeader>
						<DialogTitle>
							{webhook ? t("form.editTitle", { name: webhook.name }) : t("form.createTitle")}
						</DialogTitle>
						<DialogDescription>{t("form.description")}</DialogDescription>
					</DialogHeader>
					{body}
				</DialogContent>
			</Dialog>
			{webhook ? (
				<RotateSecretDialog
					webhookId={webhook.webhookId}
					open={rotating}
					onOpenChange={setRotating}
				/>
			) : null}
		</>
	);
};
