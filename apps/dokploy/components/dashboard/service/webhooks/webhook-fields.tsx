/** The plain fields of the webhook form: name, URL, template, events, on/off. */
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import { webhookTemplateTypes } from "@dokploy/server/webhooks/templates/types";
import { useTranslation } from "next-i18next/pages";
import { Controller, type UseFormReturn, useWatch } from "react-hook-form";
import { FormField } from "@/components/shared/form-field";
import { SelectField } from "@/components/shared/select-field";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { eventKey } from "./format";
import { TemplateIcon } from "./template-icon";
import type { WebhookFormInput, WebhookFormOutput } from "./webhook-form-schema";

export type WebhookFormApi = UseFormReturn<WebhookFormInput, unknown, WebhookFormOutput>;

export const WebhookFields = ({ form, idPrefix }: { form: WebhookFormApi; idPrefix: string }) => {
	const { t } = useTranslation("webhook");
	const { errors } = form.formState;
	const id = (field: string) => `${idPrefix}-${field}`;
	const url = useWatch({ control: form.control, name: "url" });
	const templateType = useWatch({ control: form.control, name: "templateType" });

	// Alike by shape only with ServiceFields: each field is a FormField around its own control.
	return (
		<div className="grid gap-4 sm:grid-cols-2">
			<div className="sm:col-span-2">
				<FormField
					namespace="webhook"
					id={id("name")}
					field="name"
					label={t("form.name")}
					error={errors.name}
				>
					<Input
						id={id("name")}
						placeholder={t("form.namePlaceholder")}
						aria-invalid={Boolean(errors.name)}
						data-testid="webhook-name"
						{...form.register("name")}
					/>
				</FormField>
			</div>
			<div className="sm:col-span-2">
				<FormField
					namespace="webhook"
					id={id("url")}
					field="url"
					label={t("form.url")}
					error={errors.url}
					hint={url.trim().startsWith("http:") ? t("form.urlHttpWarning") : t("form.urlHint")}
				>
					<Input
						id={id("url")}
						type="url"
						dir="ltr"
						placeholder="https://hooks.example.com/dokploy"
						aria-invalid={Boolean(errors.url)}
						data-testid="webhook-url"
						{...form.register("url")}
					/>
				</FormField>
			</div>
			<SelectField
				form={form}
				field="templateType"
				id={id("templateType")}
				testId="webhook-template"
				namespace="webhook"
				label={t("form.template")}
				hint={t(`templateDescriptions.${templateType}`)}
				options={webhookTemplateTypes}
				optionTestId={(type) => `template-option-${type}`}
				renderOption={(type) => (
					<span className="flex items-center gap-2">
						<TemplateIcon type={type} />
						{t(`templates.${type}`)}
					</span>
				)}
			/>
			<div className="flex items-center gap-2 self-end pb-2">
				<Controller
					control={form.control}
					name="enabled"
					render={({ field }) => (
						<Switch
							id={id("enabled")}
							checked={field.value}
							onCheckedChange={field.onChange}
							data-testid="webhook-enabled"
						/>
					)}
				/>
				<label htmlFor={id("enabled")} className="text-sm">
					{t("form.enabled")}
				</label>
			</div>
			<fieldset className="flex flex-col gap-2 sm:col-span-2">
				<legend className="mb-1 text-sm font-medium">{t("form.events")}</legend>
				<Controller
					control={form.control}
					name="events"
					render={({ field }) => (
						<div className="grid gap-2 sm:grid-cols-2">
							{deploymentEventNames.map((event) => {
								const checked = field.value.includes(event);
								return (
									<div key={event} className="flex items-start gap-2 text-sm">
										<Checkbox
											id={id(`event-${eventKey(event)}`)}
											checked={checked}
											onCheckedChange={(next) =>
												field.onChange(
													next === true
														? [...field.value, event]
														: field.value.filter((value) => value !== event),
												)
											}
											className="mt-0.5"
											data-testid={`event-${eventKey(event)}`}
										/>
										<label htmlFor={id(`event-${eventKey(event)}`)}>
											<span className="font-medium">{t(`events.${eventKey(event)}`)}</span>
											<span className="block text-xs text-muted-foreground">
												{t(`eventDescriptions.${eventKey(event)}`)}
											</span>
										</label>
									</div>
								);
							})}
						</div>
					)}
				/>
				{errors.events ? (
					<p
						role="alert"
						className="text-xs text-destructive"
						data-testid={`${id("events")}-error`}
					>
						{t(`validation.events.${String(errors.events.type ?? "")}`, {
							defaultValue: errors.events.message ?? "",
						})}
					</p>
				) : (
					<p className="text-xs text-muted-foreground">{t("form.eventsHint")}</p>
				)}
			</fieldset>
		</div>
	);
};
