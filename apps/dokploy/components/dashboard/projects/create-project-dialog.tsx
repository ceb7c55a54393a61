import { apiCreateProject } from "@dokploy/server/db/schema/project";
import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormDialog, useFormDialog } from "@/components/shared/form-dialog";
import { FormField } from "@/components/shared/form-field";
import { TextField } from "@/components/shared/text-field";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";

type ProjectValues = z.input<typeof apiCreateProject>;

export const CreateProjectDialog = () => {
	const { t } = useTranslation("common");
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<ProjectValues>({
		resolver: zodResolver(apiCreateProject),
		defaultValues: { name: "", description: "" },
	});
	const dialog = useFormDialog(() => form.reset());
	const create = api.project.create.useMutation({
		onSuccess: async (project) => {
			dialog.succeeded(t("projects.created", { name: project.name }));
			await utils.project.all.invalidate();
		},
		onError: showError,
	});

	return (
		<FormDialog
			open={dialog.open}
			onOpenChange={dialog.setOpen}
			trigger={
				<Button data-testid="create-project-button">
					<Plus className="h-4 w-4" />
					{t("projects.create")}
				</Button>
			}
			title={t("projects.createTitle")}
			description={t("projects.createDescription")}
			onSubmit={form.handleSubmit((values) => create.mutate(values))}
			submit={{ label: t("actions.create"), testId: "project-submit", pending: create.isPending }}
		>
			<TextField
				form={form}
				field="name"
				id="project-name"
				testId="project-name-input"
				label={t("fields.name")}
			/>
			<FormField
				id="project-description"
				field="description"
				label={t("fields.description")}
				error={form.formState.errors.description}
			>
				<Textarea id="project-description" {...form.register("description")} />
			</FormField>
		</FormDialog>
	);
};
