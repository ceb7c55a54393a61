import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useForm } from "react-hook-form";
import { FormDialog, useFormDialog } from "@/components/shared/form-dialog";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";
import { ServiceFields } from "./service-fields";
import {
	emptyServiceForm,
	type ServiceFormInput,
	type ServiceFormOutput,
	serviceFormSchema,
} from "./service-form-schema";
import type { ProjectServices } from "./service-list";

export const CreateServiceDialog = ({ projectId, serviceType }: ProjectServices) => {
	const { t } = useTranslation("common");
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<ServiceFormInput, unknown, ServiceFormOutput>({
		resolver: zodResolver(serviceFormSchema),
		defaultValues: emptyServiceForm,
	});
	const dialog = useFormDialog(() => form.reset(emptyServiceForm));
	const onSuccess = async ({ name }: { name: string }) => {
		dialog.succeeded(t("services.created", { name }));
		await Promise.all([
			utils.application.byProject.invalidate({ projectId }),
			utils.compose.byProject.invalidate({ projectId }),
		]);
	};
	const createApplication = api.application.create.useMutation({ onSuccess, onError: showError });
	const createCompose = api.compose.create.useMutation({ onSuccess, onError: showError });
	const create = serviceType === "application" ? createApplication : createCompose;

	return (
		<FormDialog
			open={dialog.open}
			onOpenChange={dialog.setOpen}
			trigger={
				<Button variant="outline" data-testid={`create-${serviceType}-button`}>
					<Plus className="h-4 w-4" />
					{t(`services.create.${serviceType}`)}
				</Button>
			}
			title={t(`services.createTitle.${serviceType}`)}
			description={t("services.createDescription")}
			className="max-w-2xl"
			onSubmit={form.handleSubmit((values) => create.mutate({ ...values, projectId }))}
			submit={{ label: t("actions.create"), testId: "service-submit", pending: create.isPending }}
		>
			<ServiceFields form={form} idPrefix={`create-${serviceType}`} />
		</FormDialog>
	);
};
