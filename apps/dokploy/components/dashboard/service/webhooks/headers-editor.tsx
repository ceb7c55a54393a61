/**
 * Custom headers as key/value rows. Every row is checked as it is typed with the same rule the
 * server applies at save (webhooks/rules.ts), so a reserved, hop-by-hop or unsendable header is
 * refused here, in the admin's language, before anything is submitted.
 */
import { MAX_CUSTOM_HEADERS } from "@dokploy/server/webhooks/rules";
import { Plus, Trash2 } from "lucide-react";
import { useTranslation } from "next-i18next/pages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { findHeaderRowProblems, type HeaderRow } from "./webhook-form-schema";

export const HeadersEditor = ({
	rows,
	onChange,
	idPrefix,
}: {
	rows: HeaderRow[];
	onChange: (rows: HeaderRow[]) => void;
	idPrefix: string;
}) => {
	const { t } = useTranslation("webhook");
	const problems = findHeaderRowProblems(rows);
	const partLabels = { name: t("form.headerName"), value: t("form.headerValue") };
	const update = (index: number, change: Partial<HeaderRow>) =>
		onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
	const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));

	return (
		<fieldset className="flex flex-col gap-2" data-testid="headers-editor">
			<legend className="mb-1 text-sm font-medium">{t("form.headers")}</legend>
			<p className="text-xs text-muted-foreground">{t("form.headersHint")}</p>
			{rows.map((row, index) => {
				const problem = problems[index];
				const errorId = `${idPrefix}-header-${index}-error`;
				return (
					// biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; a row's index is its identity while it is edited.
					<div key={index} className="flex flex-col gap-1" data-testid="header-row">
						<div className="flex items-start gap-2">
							{(["name", "value"] as const).map((part) => (
								<Input
									key={part}
									aria-label={partLabels[part]}
									placeholder={partLabels[part]}
									value={row[part]}
									onChange={(event) => update(index, { [part]: event.target.value })}
									aria-invalid={problem?.field === part}
									aria-describedby={problem ? errorId : undefined}
									className="font-mono"
									dir="ltr"
									data-testid={`header-${part}`}
								/>
							))}
							<Button
								variant="ghost"
								size="icon"
								aria-label={t("form.removeHeader", { name: row.name || index + 1 })}
								onClick={() => remove(index)}
							>
								<Trash2 className="h-4 w-4" />
							</Button>
						</div>
						{problem ? (
							<p
								id={errorId}
								role="alert"
								className="text-xs text-destructive"
								data-testid="header-error"
								data-code={problem.code}
							>
								{t(`headerErrors.${problem.code}`, { name: row.name.trim() })}
							</p>
						) : null}
					</div>
				);
			})}
			{rows.length > MAX_CUSTOM_HEADERS ? (
				<p role="alert" className="text-xs text-destructive">
					{t("headerErrors.too_many", { max: MAX_CUSTOM_HEADERS })}
				</p>
			) : null}
			<div>
				<Button
					variant="outline"
					size="sm"
					onClick={() => onChange([...rows, { name: "", value: "" }])}
					disabled={rows.length >= MAX_CUSTOM_HEADERS}
					data-testid="add-header"
				>
					<Plus className="h-4 w-4" />
					{t("form.addHeader")}
				</Button>
			</div>
		</fieldset>
	);
};
