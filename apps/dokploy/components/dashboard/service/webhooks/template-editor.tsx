/**
 * The custom template editor: the JSON text, the variables (a click inserts one at the cursor),
 * and a live preview rendered by the server with the worker's renderer, so a template that
 * previews is one the receiver will get. Problems are shown at their line.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
import type { WebhookEvent } from "@dokploy/server/db/schema/webhook-api";
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import type { TemplatePreview } from "@dokploy/server/services/webhook-preview";
import { customTemplateVariables } from "@dokploy/server/webhooks/templates/custom-variables";
import { useTranslation } from "next-i18next/pages";
import { useEffect, useRef, useState } from "react";
import { OptionSelect } from "@/components/shared/option-select";
import { Textarea } from "@/components/ui/textarea";
import { eventKey } from "./format";

export type PreviewTemplate = (input: {
	customTemplate: string;
	event: WebhookEvent;
}) => Promise<TemplatePreview>;

/** Waits for a pause in typing before asking the server to render. */
const PREVIEW_DELAY_MS = 400;

export const TemplateEditor = ({
	id,
	value,
	onChange,
	preview,
}: {
	id: string;
	value: string;
	onChange: (value: string) => void;
	preview: PreviewTemplate;
}) => {
	const { t } = useTranslation("webhook");
	const textarea = useRef<HTMLTextAreaElement>(null);
	const [event, setEvent] = useState<WebhookEvent>("deployment.success");
	const [result, setResult] = useState<TemplatePreview | null>(null);
	const [failure, setFailure] = useState<string | null>(null);
	const [rendering, setRendering] = useState(false);

	useEffect(() => {
		let current = true;
		setRendering(true);
		const timer = setTimeout(() => {
			preview({ customTemplate: value, event })
				.then((answer) => {
					if (!current) return;
					setResult(answer);
					setFailure(null);
				})
				.catch((error: unknown) => {
					if (current) setFailure(error instanceof Error ? error.message : String(error));
				})
				.finally(() => {
					if (current) setRendering(false);
				});
		}, PREVIEW_DELAY_MS);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	}, [value, event, preview]);

	const insert = (name: string) => {
		const element = textarea.current;
		const placeholder = `\${${name}}`;
		const start = element?.selectionStart ?? value.length;
		const end = element?.selectionEnd ?? value.length;
		onChange(value.slice(0, start) + placeholder + value.slice(end));
		requestAnimationFrame(() => {
			element?.focus();
			element?.setSelectionRange(start + placeholder.length, start + placeholder.length);
		});
	};

	const lines = value.split("\n");
	return (
		<div className="flex flex-col gap-3" data-testid="template-editor">
			<div className="flex flex-col gap-1.5">
				<label htmlFor={id} className="text-sm font-medium">
					{t("templateEditor.label")}
				</label>
				<p className="text-xs text-muted-foreground">{t("templateEditor.hint")}</p>
				<Textarea
					id={id}
					ref={textarea}
					value={value}
					onChange={(change) => onChange(change.target.value)}
					rows={8}
					spellCheck={false}
					dir="ltr"
					className="font-mono text-xs"
					data-testid="custom-template"
				/>
			</div>
			<div className="flex flex-col gap-1.5">
				<span className="text-sm font-medium">{t("templateEditor.variables")}</span>
				<span className="text-xs text-muted-foreground">{t("templateEditor.variablesHint")}</span>
				<div className="flex max-h-28 flex-wrap gap-1 overflow-y-auto" dir="ltr">
					{customTemplateVariables.map((variable) => (
						<button
							key={variable.name}
							type="button"
							title={variable.description}
							onClick={() => insert(variable.name)}
							className="rounded border px-1.5 py-0.5 font-mono text-xs hover:bg-muted"
							data-testid={`variable-${variable.name}`}
						>
							{variable.name}
						</button>
					))}
				</div>
			</div>
			<div className="flex flex-col gap-1.5" aria-live="polite">
				<div className="flex items-center justify-between gap-2">
					<span className="text-sm font-medium">{t("templateEditor.preview")}</span>
					<OptionSelect
						value={event}
						onChange={setEvent}
						label={t("templateEditor.previewEvent")}
						options={deploymentEventNames.map((name) => ({
							value: name,
							label: t(`events.${eventKey(name)}`),
						}))}
					/>
				</div>
				{failure ? (
					<p role="alert" className="text-xs text-destructive">
						{t("templateEditor.previewFailed", { message: failure })}
					</p>
				) : result?.ok === false ? (
					<ul className="flex flex-col gap-1" data-testid="template-preview-errors">
						{result.errors.map((problem) => (
							<li key={problem.message} className="text-xs text-destructive" role="alert">
								{problem.line !== null && problem.column !== null ? (
									<>
										{t("templateEditor.previewAt", {
											line: problem.line,
											column: problem.column,
											message: problem.message,
										})}
										<pre className="mt-1 overflow-x-auto rounded bg-red-50 p-1 font-mono" dir="ltr">
											{`${problem.line} | ${lines[problem.line - 1] ?? ""}`}
										</pre>
									</>
								) : (
									problem.message
								)}
							</li>
						))}
					</ul>
				) : result?.ok ? (
					<pre
						className="max-h-56 overflow-auto rounded bg-muted p-2 font-mono text-xs"
						dir="ltr"
						data-testid="template-preview"
					>
						{result.body}
					</pre>
				) : (
					<p className="text-xs text-muted-foreground">
						{rendering ? t("templateEditor.previewLoading") : null}
					</p>
				)}
			</div>
		</div>
	);
};
