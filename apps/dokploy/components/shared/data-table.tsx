/**
 * The table frame the dashboard's lists share: a header row of column titles and, when the rows
 * have actions, a last column for them, aligned to the end. Rows are the caller's.
 */
import type { ReactNode } from "react";
import {
	Table,
	TableBody,
	TableCell,
	TableHead,
	TableHeader,
	TableRow,
} from "@/components/ui/table";

export const DataTable = ({
	columns,
	actionsLabel,
	children,
}: {
	columns: readonly string[];
	actionsLabel?: string;
	children: ReactNode;
}) => (
	<Table>
		<TableHeader>
			<TableRow>
				{columns.map((column) => (
					<TableHead key={column}>{column}</TableHead>
				))}
				{actionsLabel ? <TableHead className="text-end!">{actionsLabel}</TableHead> : null}
			</TableRow>
		</TableHeader>
		<TableBody>{children}</TableBody>
	</Table>
);

/** The last cell of a row: its buttons, side by side at the end. */
export const ActionsCell = ({ children }: { children: ReactNode }) => (
	<TableCell>
		<div className="flex justify-end gap-2">{children}</div>
	</TableCell>
);
