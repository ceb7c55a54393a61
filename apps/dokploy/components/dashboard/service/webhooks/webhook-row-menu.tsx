import { Ellipsis, Pencil, Trash2 } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import {
	DropdownMenu,
	DropdownMenuContent,
	DropdownMenuItem,
	DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { WebhookListItem } from "./use-webhooks";
import type { WebhookRowActions } from "./webhook-list";

/** Edit and delete, kept out of the row so the common actions stay in sight. */
export const WebhookRowMenu = ({
	webhook,
	actions,
}: {
	webhook: WebhookListItem;
	actions: Pick<WebhookRowActions, "onEdit" | "onDelete">;
}) => {
	const { t } = useTranslation("webhook");
	return (
		<DropdownMenu>
			<DropdownMenuTrigger asChild>
				<Button
					variant="ghost"
					size="icon"
					aria-label={t("list.moreActions", { name: webhook.name })}
					data-testid="webhook-menu"
				>
					<Ellipsis className="h-4 w-4" />
				</Button>
			</DropdownMenuTrigger>
			<DropdownMenuContent align="end">
				<DropdownMenuItem onSelect={() => actions.onEdit(webhook)} data-testid="edit-webhook">
					<Pencil className="h-4 w-4" />
					{t("list.edit")}
				</DropdownMenuItem>
				<DropdownMenuItem
					onSelect={() => actions.onDelete(webhook)}
					className="text-destructive"
					data-testid="delete-webhook"
				>
					<Trash2 className="h-4 w-4" />
					{t("list.delete")}
				</DropdownMenuItem>
			</DropdownMenuContent>
		</DropdownMenu>
	);
};
