import { useTranslation } from "next-i18next/pages";
import type { UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/shared/form-field";
import { SelectField } from "@/components/shared/select-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { ServiceFormInput, ServiceFormOutput } from "./service-form-schema";
import { sourceTypes } from "./service-form-schema";

type ServiceForm = UseFormReturn<ServiceFormInput, unknown, ServiceFormOutput>;

/** The fields of an application or compose service, shared by the create and edit forms. */
export const ServiceFields = ({ form, idPrefix }: { form: ServiceForm; idPrefix: string }) => {
	const { t } = useTranslation("common");
	const { errors } = form.formState;
	const id = (field: string) => `${idPrefix}-${field}`;
	const text = (field: Exclude<keyof ServiceFormInput, "sourceType">) => ({
		id: id(field),
		"data-testid": `service-${field}`,
		"aria-invalid": Boolean(errors[field]),
		...form.register(field),
	});

	return (
		<div className="grid gap-4 sm:grid-cols-2">
			<FormField id={id("name")} field="name" label={t("fields.name")} error={errors.name}>
				<Input {...text("name")} />
			</FormField>
			<FormField
				id={id("appName")}
				field="appName"
				label={t("fields.appName")}
				hint={t("fields.appNameHint")}
				error={errors.appName}
			>
				<Input {...text("appName")} />
			</FormField>
			<div className="sm:col-span-2">
				<FormField
					id={id("description")}
					field="description"
					label={t("fields.description")}
					error={errors.description}
				>
					<Textarea {...text("description")} rows={2} />
				</FormField>
			</div>
			<SelectField
				form={form}
				field="sourceType"
				id={id("sourceType")}
				testId="service-sourceType"
				label={t("fields.sourceType")}
				options={sourceTypes}
				renderOption={(source) => t(`sources.${source}`)}
			/>
			<FormField
				id={id("repository")}
				field="repository"
				label={t("fields.repository")}
				error={errors.repository}
			>
				<Input {...text("repository")} placeholder="https://github.com/owner/repo.git" />
			</FormField>
			<FormField id={id("branch")} field="branch" label={t("fields.branch")} error={errors.branch}>
				<Input {...text("branch")} placeholder="main" />
			</FormField>
			<FormField
				id={id("deploySchedule")}
				field="deploySchedule"
				label={t("fields.deploySchedule")}
				hint={t("fields.deployScheduleHint")}
				error={errors.deploySchedule}
			>
				<Input {...text("deploySchedule")} placeholder="0 3 * * *" />
			</FormField>
			<div className="sm:col-span-2">
				<FormField
					id={id("buildCommand")}
					field="buildCommand"
					label={t("fields.buildCommand")}
					hint={t("fields.buildCommandHint")}
					error={errors.buildCommand}
				>
					<Textarea {...text("buildCommand")} rows={3} className="font-mono" />
				</FormField>
			</div>
			<div className="sm:col-span-2">
				<FormField
					id={id("domains")}
					field="domains"
					label={t("fields.domains")}
					hint={t("fields.domainsHint")}
					error={errors.domains}
				>
					<Textarea {...text("domains")} rows={2} placeholder="app.example.com" />
				</FormField>
			</div>
		</div>
	);
};
