import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "next-i18next/pages";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { ServiceFields } from "@/components/dashboard/project/service-fields";
import {
	type ServiceFormInput,
	type ServiceFormOutput,
	serviceFormSchema,
	toServiceFormInput,
} from "@/components/dashboard/project/service-form-schema";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toaster";
import { isAdmin } from "@/lib/roles";
import { useErrorToast } from "@/lib/use-error-toast";
import type { ServiceTabProps } from "../tab-props";
import { useInvalidateService, useServiceMutations } from "../use-service";

export const EditServiceForm = ({ service, serviceType, serviceId, role }: ServiceTabProps) => {
	const { t } = useTranslation("common");
	const showError = useErrorToast();
	const invalidate = useInvalidateService({ serviceType, serviceId });
	const mutations = useServiceMutations({ serviceType, serviceId }, { onError: showError });
	const form = useForm<ServiceFormInput, unknown, ServiceFormOutput>({
		resolver: zodResolver(serviceFormSchema),
		defaultValues: toServiceFormInput(service),
	});
	const canEdit = isAdmin(role);

	// After a save (or another tab's change) the form shows what the server now holds.
	useEffect(() => {
		if (!form.formState.isDirty) form.reset(toServiceFormInput(service));
	}, [service, form]);

	const save = form.handleSubmit(async (values) => {
		const updated = await mutations.update(values).catch(() => null);
		if (!updated) return;
		form.reset(toServiceFormInput(updated));
		toast.success(t("services.saved"));
		await invalidate();
	});

	return (
		<Card>
			<CardHeader>
				<CardTitle>{t("services.settingsTitle")}</CardTitle>
				<CardDescription>{t("services.settingsDescription")}</CardDescription>
			</CardHeader>
			<CardContent>
				<form onSubmit={save} noValidate className="flex flex-col gap-4">
					<fieldset disabled={!canEdit} className="contents">
						<ServiceFields form={form} idPrefix="edit" />
					</fieldset>
					{canEdit ? (
						<div className="flex justify-end">
							<Button
								type="submit"
								disabled={mutations.pending.update || !form.formState.isDirty}
								data-testid="save-service-button"
							>
								{t("actions.save")}
							</Button>
						</div>
					) : (
						<p className="text-sm text-muted-foreground">{t("services.readOnly")}</p>
					)}
				</form>
			</CardContent>
		</Card>
	);
};
