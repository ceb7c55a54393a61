import { Copy } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";

/** Copies a text (a secret, a snippet) and says whether it worked. */
export const CopyButton = ({ text, testId }: { text: string; testId?: string }) => {
	const { t } = useTranslation("webhook");
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(text);
			toast.success(t("form.copied"));
		} catch {
			toast.error(t("form.copyFailed"));
		}
	};
	return (
		<Button variant="outline" size="sm" onClick={copy} data-testid={testId}>
			<Copy className="h-4 w-4" />
			{t("form.copy")}
		</Button>
	);
};
