/**
 * The signing secret. Creating: a generated secret, shown this once with a copy button (the
 * server stores only its ciphertext). Editing: which secret is in use, and "Rotate secret".
 */
import { KeyRound, RefreshCw } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CopyButton } from "./copy-button";
import { formatDateTime } from "./format";

export const NewSecretField = ({
	id,
	secret,
	onRegenerate,
}: {
	id: string;
	secret: string;
	onRegenerate: () => void;
}) => {
	const { t } = useTranslation("webhook");
	return (
		<div className="flex flex-col gap-1.5">
			<label htmlFor={id} className="text-sm font-medium">
				{t("form.secret")}
			</label>
			<div className="flex gap-2">
				<Input
					id={id}
					value={secret}
					readOnly
					dir="ltr"
					className="font-mono text-xs"
					data-testid="webhook-secret"
				/>
				<CopyButton text={secret} testId="copy-secret" />
				<Button
					variant="ghost"
					size="icon"
					onClick={onRegenerate}
					aria-label={t("form.generateSecret")}
					title={t("form.generateSecret")}
					data-testid="regenerate-secret"
				>
					<RefreshCw className="h-4 w-4" />
				</Button>
			</div>
			<p className="text-xs text-amber-700">{t("form.secretOnce")}</p>
		</div>
	);
};

export const CurrentSecretField = ({
	secretHint,
	previousSecretExpiresAt,
	locale,
	onRotate,
}: {
	secretHint: string;
	previousSecretExpiresAt: string | null;
	locale: string;
	onRotate: () => void;
}) => {
	const { t } = useTranslation("webhook");
	return (
		<div className="flex flex-col gap-1.5">
			<span className="text-sm font-medium">{t("form.secret")}</span>
			<div className="flex items-center justify-between gap-2">
				<span className="font-mono text-xs text-muted-foreground" dir="ltr">
					{t("form.currentSecret", { hint: secretHint })}
				</span>
				<Button variant="outline" size="sm" onClick={onRotate} data-testid="rotate-secret">
					<KeyRound className="h-4 w-4" />
					{t("rotate.button")}
				</Button>
			</div>
			{previousSecretExpiresAt ? (
				<p className="text-xs text-muted-foreground">
					{t("form.graceUntil", { time: formatDateTime(previousSecretExpiresAt, locale) })}
				</p>
			) : null}
		</div>
	);
};
