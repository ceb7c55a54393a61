import { Trash2 } from "lucide-react";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toaster";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceTabProps } from "../tab-props";
import { useServiceMutations } from "../use-service";

export const DeleteServiceCard = ({
	service,
	serviceType,
	serviceId,
	projectId,
}: ServiceTabProps) => {
	const { t } = useTranslation("common");
	const router = useRouter();
	const showError = useErrorToast();
	const mutations = useServiceMutations({ serviceType, serviceId }, { onError: showError });

	const remove = async () => {
		if (!window.confirm(t("services.deleteConfirm", { name: service.name }))) return;
		const removed = await mutations.remove().catch(() => null);
		if (!removed) return;
		toast.success(t("services.deleted", { name: service.name }));
		await router.push(`/dashboard/project/${projectId}`);
	};

	// Alike by shape only with DeployHookCard: a card with one action button, each its own.
	return (
		<Card className="border-destructive/40">
			<CardHeader>
				<CardTitle>{t("services.deleteTitle")}</CardTitle>
				<CardDescription>{t("services.deleteDescription")}</CardDescription>
			</CardHeader>
			<CardContent>
				<Button
					variant="destructive"
					onClick={remove}
					disabled={mutations.pending.remove}
					data-testid="delete-service-button"
				>
					<Trash2 className="h-4 w-4" />
					{t("actions.delete")}
				</Button>
			</CardContent>
		</Card>
	);
};
