/**
 * Deployments and webhooks each belong to one service, held in two nullable columns,
 * `applicationId` and `composeId` (a check constraint keeps exactly one of them set). These
 * helpers are the one place that maps between those columns and a ServiceRef.
 */
import type { PgColumn } from "drizzle-orm/pg-core";
import { application } from "../db/schema/application";
import { compose } from "../db/schema/compose";
import type { ServiceType } from "../lifecycle/types";
import type { ServiceRef } from "./service";

export const serviceTypes = ["application", "compose"] as const satisfies readonly ServiceType[];

/** The table that holds services of each type, and its id column. */
export const serviceTables = {
	application: { table: application, idColumn: application.applicationId },
	compose: { table: compose, idColumn: compose.composeId },
} as const;

interface ServiceOwnerColumns {
	applicationId?: string | null;
	composeId?: string | null;
}

/** The service a row (or an API input) names through its owner columns. */
export const serviceRefOf = (row: ServiceOwnerColumns): ServiceRef =>
	row.applicationId
		? { type: "application", id: row.applicationId }
		: { type: "compose", id: row.composeId! };

/** The owner columns of a new row that belongs to the service. */
export const serviceOwnerColumns = (ref: ServiceRef) => ({
	applicationId: ref.type === "application" ? ref.id : null,
	composeId: ref.type === "compose" ? ref.id : null,
});

/** The column of `table` that holds the ids of services of this type. */
export const serviceIdColumn = <Table extends { applicationId: PgColumn; composeId: PgColumn }>(
	table: Table,
	type: ServiceType,
) => (type === "application" ? table.applicationId : table.composeId);
