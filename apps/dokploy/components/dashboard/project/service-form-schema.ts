/**
 * The service form: text inputs in, the API's ServiceFields out. Each field reuses the API's
 * own validator, so the form and the server cannot disagree; the form only turns blank inputs
 * into null and the domains text into a list.
 */
import {
	branchSchema,
	cronScheduleSchema,
	serviceFieldsSchema,
} from "@dokploy/server/db/schema/service-columns";
import { appNameSchema, nameSchema } from "@dokploy/server/db/schema/shared";
import { z } from "zod";

const fields = serviceFieldsSchema.shape;

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** One domain per line, or separated by commas or spaces. */
const splitDomains = (text: string) =>
	text
		.split(/[\s,]+/)
		.map((domain) => domain.trim())
		.filter(Boolean);

const domainsSchema = fields.domains.unwrap();

export const sourceTypes = fields.sourceType.unwrap().options;

export const serviceFormSchema = z.object({
	name: nameSchema,
	appName: appNameSchema,
	description: z.string().max(1000).transform(blankToNull),
	sourceType: fields.sourceType.unwrap(),
	repository: z.string().max(300).transform(blankToNull),
	branch: z.string().transform(blankToNull).pipe(branchSchema.nullable()),
	buildCommand: fields.buildCommand.unwrap(),
	domains: z.string().transform((text, ctx) => {
		const parsed = domainsSchema.safeParse(splitDomains(text));
		if (parsed.success) return parsed.data;
		ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Invalid domains" });
		return z.NEVER;
	}),
	deploySchedule: z.string().transform(blankToNull).pipe(cronScheduleSchema.nullable()),
});

export type ServiceFormInput = z.input<typeof serviceFormSchema>;
export type ServiceFormOutput = z.output<typeof serviceFormSchema>;

export const emptyServiceForm: ServiceFormInput = {
	name: "",
	appName: "",
	description: "",
	sourceType: "git",
	repository: "",
	branch: "main",
	buildCommand: "",
	domains: "",
	deploySchedule: "",
};

/** An existing service as form input, for the edit form. */
export const toServiceFormInput = (service: {
	name: string;
	appName: string;
	description: string | null;
	sourceType: ServiceFormInput["sourceType"];
	repository: string | null;
	branch: string | null;
	buildCommand: string;
	domains: string[];
	deploySchedule: string | null;
}): ServiceFormInput => ({
	name: service.name,
	appName: service.appName,
	description: service.description ?? "",
	sourceType: service.sourceType,
	repository: service.repository ?? "",
	branch: service.branch ?? "",
	buildCommand: service.buildCommand,
	domains: service.domains.join("\n"),
	deploySchedule: service.deploySchedule ?? "",
});
