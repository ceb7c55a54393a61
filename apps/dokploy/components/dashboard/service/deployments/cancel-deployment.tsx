/** Cancelling, shared by the running deployments' table and the queue's. */
import { X } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";

/** The cancel mutation, which says `successMessage` (translated) and then refreshes. */
export const useCancelDeployment = (successMessage: string, onChange: () => Promise<unknown>) => {
	const showError = useErrorToast();
	return api.deployment.cancel.useMutation({
		onSuccess: async () => {
			toast.success(successMessage);
			await onChange();
		},
		onError: showError,
	});
};

export const CancelDeploymentButton = ({
	pending,
	testId,
	onClick,
}: {
	pending: boolean;
	testId: string;
	onClick: () => void;
}) => {
	const { t } = useTranslation("common");
	return (
		<Button variant="outline" size="sm" disabled={pending} data-testid={testId} onClick={onClick}>
			<X className="h-4 w-4" />
			{t("actions.cancel")}
		</Button>
	);
};
