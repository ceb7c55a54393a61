/**
 * The template editor's live preview: renders any template (a custom one too, before it is
 * saved) against the sample payload of an event, with the renderer the worker uses, so what the
 * admin sees is what the receiver will get. A template that cannot render answers with its
 * problems and, where the renderer named one, the line and column of the first.
 */

import { dashboardBaseUrl } from "../lib/config";
import type { DeploymentEventName } from "../lifecycle/types";
import { buildSamplePayload } from "../webhooks/payload";
import { renderWebhookBody } from "../webhooks/templates";
import { validateCustomTemplate } from "../webhooks/templates/custom";
import type { WebhookTemplateType } from "../webhooks/templates/types";

export interface TemplatePreviewInput {
	templateType: WebhookTemplateType;
	customTemplate?: string | null | undefined;
	event: DeploymentEventName;
}

interface TemplatePreviewProblem {
	message: string;
	line: number | null;
	column: number | null;
}

export type TemplatePreview =
	| { ok: true; body: string }
	| { ok: false; errors: TemplatePreviewProblem[] };

// The validator reports places in its messages ("at line 3, column 14"); the editor needs them as
// numbers to mark the line.
const place = /line (\d+), column (\d+)/;

const toProblem = (message: string): TemplatePreviewProblem => {
	const found = place.exec(message);
	return {
		message,
		line: found ? Number(found[1]) : null,
		column: found ? Number(found[2]) : null,
	};
};

export const previewWebhookTemplate = (input: TemplatePreviewInput): TemplatePreview => {
	if (input.templateType === "custom") {
		const template = input.customTemplate ?? "";
		if (!template.trim()) return { ok: false, errors: [toProblem("The custom template is empty")] };
		const validation = validateCustomTemplate(template);
		if (!validation.ok) return { ok: false, errors: validation.errors.map(toProblem) };
	}
	const payload = buildSamplePayload(input.event, dashboardBaseUrl());
	const body = renderWebhookBody(input.templateType, payload, input.customTemplate);
	// Indented for reading; the receiver gets the same JSON value, compact.
	return { ok: true, body: JSON.stringify(JSON.parse(body), null, 2) };
};
