import { ConnectorError, describeTable, type SinkChangelog } from "../../../connectors/index.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import { PlanError } from "../plan-error.ts";
import { ALL_KINDS, INSERT_ONLY, type ModifyKinds } from "./changelog-mode.ts";

/** What a table's connector says, with its configuration errors as plan errors. */
function capabilities(table: TableSchema) {
  try {
    return describeTable(table);
  } catch (error) {
    if (error instanceof ConnectorError) throw new PlanError(error.message);
    throw error;
  }
}

/** The kinds a scan of the table emits: inserts only, or every kind (upsert, retract, CDC). */
export function scanProduces(table: TableSchema): ModifyKinds {
  const source = capabilities(table).source;
  if (source === undefined)
    throw new PlanError(
      `table '${table.path.join(".")}' cannot be read: connector '${table.options.connector}' only writes`,
    );
  return source === "all" ? ALL_KINDS : INSERT_ONLY;
}

/** How the table's connector takes changes (see SinkChangelog). */
export function sinkChangelog(table: TableSchema): SinkChangelog {
  const sink = capabilities(table).sink;
  if (sink === undefined)
    throw new PlanError(
      `table '${table.path.join(".")}' cannot be written: connector '${table.options.connector}' only reads`,
    );
  return sink;
}

/**
 * Whether the sink needs `-U` rows: retract sinks write them; an upsert sink applies `+U` by key
 * alone only when an upsert key of the input is exactly the primary key (Flink's
 * inferSinkRequiredTraits); otherwise it needs `-U`.
 */
export function sinkRequiresBefore(
  table: TableSchema,
  primaryKey: readonly number[] | undefined,
  inputUpsertKeys: readonly (readonly number[])[],
): boolean {
  switch (sinkChangelog(table)) {
    case "retract":
      return true;
    case "upsert":
      return primaryKey !== undefined && !inputUpsertKeys.some((key) => sameColumns(key, primaryKey));
    case "append":
    case "discard":
      return false;
  }
}

function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}
