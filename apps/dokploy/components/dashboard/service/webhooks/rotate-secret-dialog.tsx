/** Rotating the signing secret, with a grace period; the new secret is shown once. */
import { MAX_ROTATION_GRACE_HOURS } from "@dokploy/server/db/schema/webhook-api";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { FormField } from "@/components/shared/form-field";
import { Button } from "@/components/ui/button";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogFooter,
	DialogHeader,
	DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/trpc";
import { CopyButton } from "./copy-button";
import { useRefreshWebhooks } from "./use-webhooks";

const DEFAULT_GRACE_HOURS = 24;

export const RotateSecretDialog = ({
	webhookId,
	open,
	onOpenChange,
}: {
	webhookId: string;
	open: boolean;
	onOpenChange: (open: boolean) => void;
}) => {
	const { t } = useTranslation("webhook");
	const { t: common } = useTranslation("common");
	const refresh = useRefreshWebhooks();
	const [graceHours, setGraceHours] = useState(String(DEFAULT_GRACE_HOURS));
	const [newSecret, setNewSecret] = useState<string | null>(null);
	const rotate = api.webhook.rotateSecret.useMutation({
		onSuccess: async (result) => {
			setNewSecret(result.secret);
			await refresh();
		},
	});
	const hours = Number(graceHours);
	const validHours =
		graceHours.trim() !== "" &&
		Number.isFinite(hours) &&
		hours >= 0 &&
		hours <= MAX_ROTATION_GRACE_HOURS;

	const changeOpen = (next: boolean) => {
		if (!next) {
			setNewSecret(null);
			rotate.reset();
		}
		onOpenChange(next);
	};

	return (
		<Dialog open={open} onOpenChange={changeOpen}>
			<DialogContent closeLabel={common("actions.close")}>
				<DialogHeader>
					<DialogTitle>{t("rotate.title")}</DialogTitle>
					<DialogDescription>{t("rotate.description")}</DialogDescription>
				</DialogHeader>
				{newSecret ? (
					<div className="flex flex-col gap-2">
						<p className="text-sm text-amber-700">{t("rotate.done")}</p>
						<div className="flex gap-2">
							<Input
								value={newSecret}
								readOnly
								dir="ltr"
								className="font-mono text-xs"
								data-testid="rotated-secret"
							/>
							<CopyButton text={newSecret} />
						</div>
					</div>
				) : (
					<>
						<FormField
							namespace="webhook"
							id="rotate-grace-hours"
							field="graceHours"
							label={t("rotate.graceHours")}
							hint={t("rotate.graceHint")}
						>
							<Input
								id="rotate-grace-hours"
								type="number"
								min={0}
								max={MAX_ROTATION_GRACE_HOURS}
								value={graceHours}
								onChange={(event) => setGraceHours(event.target.value)}
								aria-invalid={!validHours}
							/>
						</FormField>
						{rotate.error ? (
							<p role="alert" className="text-sm text-destructive">
								{rotate.error.message}
							</p>
						) : null}
						<DialogFooter>
							<Button
								onClick={() => rotate.mutate({ webhookId, graceHours: hours })}
								disabled={!validHours || rotate.isPending}
								data-testid="rotate-confirm"
							>
								{t("rotate.confirm")}
							</Button>
						</DialogFooter>
					</>
				)}
			</DialogContent>
		</Dialog>
	);
};
