/**
 * "Send test": the server sends a sample event at once and answers with what the receiver did;
 * the toast gives the HTTP status and time, and a link that opens the delivery.
 */
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { formatMilliseconds } from "./format";
import { useRefreshWebhooks, type WebhookListItem } from "./use-webhooks";

export const useSendTest = (
	locale: string,
	openDelivery: (webhook: WebhookListItem, deliveryId: string) => void,
) => {
	const { t } = useTranslation("webhook");
	const showError = useErrorToast();
	const refresh = useRefreshWebhooks();
	const [testingId, setTestingId] = useState<string | null>(null);
	const test = api.webhook.test.useMutation();

	const send = async (webhook: WebhookListItem) => {
		setTestingId(webhook.webhookId);
		const sending = toast.loading(t("test.sending"));
		try {
			const result = await test.mutateAsync({ webhookId: webhook.webhookId });
			const duration = formatMilliseconds(result.durationMs, locale);
			const action = {
				label: t("test.viewDelivery"),
				onClick: () => openDelivery(webhook, result.deliveryId),
			};
			if (result.ok) {
				toast.success(t("test.delivered", { status: result.httpStatus, duration }), {
					id: sending,
					action,
				});
			} else if (result.httpStatus !== null) {
				toast.error(t("test.refused", { status: result.httpStatus, duration }), {
					id: sending,
					action,
				});
			} else {
				toast.error(t("test.failed", { error: result.error ?? "" }), { id: sending, action });
			}
		} catch (error) {
			toast.dismiss(sending);
			showError(error);
		} finally {
			setTestingId(null);
			await refresh();
		}
	};
	return { send, testingId };
};
