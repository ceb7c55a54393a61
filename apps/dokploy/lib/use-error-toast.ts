import { TRPCClientError } from "@trpc/client";
import { useTranslation } from "next-i18next/pages";
import { useCallback } from "react";
import { toast } from "@/components/ui/toaster";

const knownCodes = ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "BAD_REQUEST"] as const;

/**
 * Shows a failed call as a toast: a translated headline for the error's kind, and the
 * server's own message (which names the exact problem) underneath.
 */
export const useErrorToast = () => {
	const { t } = useTranslation("common");
	return useCallback(
		(error: unknown) => {
			const code = error instanceof TRPCClientError ? String(error.data?.code ?? "") : "";
			const known = knownCodes.find((candidate) => candidate === code);
			const title = known ? t(`errors.${known}`) : t("errors.generic");
			const description = error instanceof Error ? error.message : undefined;
			toast.error(title, { description });
		},
		[t],
	);
};
