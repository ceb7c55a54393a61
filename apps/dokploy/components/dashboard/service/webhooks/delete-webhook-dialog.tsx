import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogFooter,
	DialogHeader,
	DialogTitle,
} from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useRefreshWebhooks, type WebhookListItem } from "./use-webhooks";

/** Deleting takes the delivery log with it, so it asks first. */
export const DeleteWebhookDialog = ({
	webhook,
	onClose,
	onDeleted,
}: {
	webhook: WebhookListItem | null;
	onClose: () => void;
	onDeleted: (webhookId: string) => void;
}) => {
	const { t } = useTranslation("webhook");
	const { t: common } = useTranslation("common");
	const refresh = useRefreshWebhooks();
	const remove = api.webhook.delete.useMutation({
		onSuccess: async (deleted) => {
			toast.success(t("delete.deleted", { name: deleted.name }));
			onDeleted(deleted.webhookId);
			onClose();
			await refresh();
		},
	});
	return (
		<Dialog
			open={webhook !== null}
			onOpenChange={(open) => {
				if (!open) {
					remove.reset();
					onClose();
				}
			}}
		>
			<DialogContent closeLabel={common("actions.close")}>
				<DialogHeader>
					<DialogTitle>{t("delete.title", { name: webhook?.name ?? "" })}</DialogTitle>
					<DialogDescription>{t("delete.description")}</DialogDescription>
				</DialogHeader>
				{remove.error ? (
					<p role="alert" className="text-sm text-destructive">
						{remove.error.message}
					</p>
				) : null}
				<DialogFooter>
					<Button variant="outline" onClick={onClose}>
						{common("actions.cancel")}
					</Button>
					<Button
						variant="destructive"
						disabled={remove.isPending}
						onClick={() => webhook && remove.mutate({ webhookId: webhook.webhookId })}
						data-testid="confirm-delete-webhook"
					>
						{t("delete.confirm")}
					</Button>
				</DialogFooter>
			</DialogContent>
		</Dialog>
	);
};
