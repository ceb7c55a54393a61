import { apiCreateProject } from "@dokploy/server/db/schema/project";
import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField } from "@/components/shared/form-field";
import { Button } from "@/components/ui/button";
import {
	Dialog,
	DialogContent,
	DialogDescription,
	DialogFooter,
	DialogHeader,
	DialogTitle,
	DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { api } from "@/lib/trpc";
import { useErrorToast } from "@/lib/use-error-toast";

type ProjectValues = z.input<typeof apiCreateProject>;

export const CreateProjectDialog = () => {
	const { t } = useTranslation("common");
	const [open, setOpen] = useState(false);
	const utils = api.useUtils();
	const showError = useErrorToast();
	const form = useForm<ProjectValues>({
		resolver: zodResolver(apiCreateProject),
		defaultValues: { name: "", description: "" },
	});
	const create = api.project.create.useMutation({
		onSuccess: async (project) => {
			toast.success(t("projects.created", { name: project.name }));
			form.reset();
			setOpen(false);
			await utils.project.all.invalidate();
		},
		onError: showError,
	});
	const { errors } = form.formState;

	return (
		<Dialog open={open} onOpenChange={setOpen}>
			<DialogTrigger asChild>
				<Button data-testid="create-project-button">
					<Plus className="h-4 w-4" />
					{t("projects.create")}
				</Button>
			</DialogTrigger>
			<DialogContent closeLabel={t("actions.close")}>
				<DialogHeader>
					<DialogTitle>{t("projects.createTitle")}</DialogTitle>
					<DialogDescription>{t("projects.createDescription")}</DialogDescription>
				</DialogHeader>
				<form
					className="flex flex-col gap-4"
					noValidate
					onSubmit={form.handleSubmit((values) => create.mutate(values))}
				>
					<FormField id="project-name" field="name" label={t("fields.name")} error={errors.name}>
						<Input
							id="project-name"
							data-testid="project-name-input"
							aria-invalid={Boolean(errors.name)}
							{...form.register("name")}
						/>
					</FormField>
					<FormField
						id="project-description"
						field="description"
						label={t("fields.description")}
						error={errors.description}
					>
						<Textarea id="project-description" {...form.register("description")} />
					</FormField>
					<DialogFooter>
						<Button type="submit" disabled={create.isPending} data-testid="project-submit">
							{t("actions.create")}
						</Button>
					</DialogFooter>
				</form>
			</DialogContent>
		</Dialog>
	);
};
