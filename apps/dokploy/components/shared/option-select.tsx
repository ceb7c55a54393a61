import {
	Select,
	SelectContent,
	SelectItem,
	SelectTrigger,
	SelectValue,
} from "@/components/ui/select";

/** A small unlabelled choice (a filter, a preview switch), named for screen readers. */
export const OptionSelect = <Value extends string>({
	value,
	onChange,
	label,
	testId,
	options,
}: {
	value: Value;
	onChange: (value: Value) => void;
	label: string;
	testId?: string;
	options: readonly { value: Value; label: string }[];
}) => (
	// The select offers only `options`, so what it hands back is one of their values.
	<Select value={value} onValueChange={(next) => onChange(next as Value)}>
		<SelectTrigger className="w-44" aria-label={label} data-testid={testId}>
			<SelectValue />
		</SelectTrigger>
		<SelectContent>
			{options.map((option) => (
				<SelectItem key={option.value} value={option.value}>
					{option.label}
				</SelectItem>
			))}
		</SelectContent>
	</Select>
);
