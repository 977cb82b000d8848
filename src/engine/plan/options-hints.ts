// `/*+ OPTIONS('k' = 'v') */` after a table in FROM or INSERT INTO: Flink's dynamic table options,
// allowed while 'table.dynamic-table-options.enabled' is true (Flink's default). Several OPTIONS
// hints merge, a later key winning; other hints (LOOKUP, STATE_TTL, BROADCAST, ...) are not options.
// The merged options are validated at once by the table's connector, so a wrong key or value is
// reported at the hint, as a WITH option is at the DDL.
import { type Span, spanCovering } from "../../common/source.ts";
import { ConnectorError, describeTable, withDynamicOptions } from "../../connectors/index.ts";
import type { Hint } from "../../sql/ast/names.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { PlanContext } from "./plan-context.ts";
import { PlanError } from "./plan-error.ts";

export const DYNAMIC_OPTIONS_SETTING = "table.dynamic-table-options.enabled";

/** The table as this scan or sink sees it: its options with the OPTIONS hints applied. */
export function applyOptionsHints(table: TableSchema, hints: readonly Hint[], ctx: PlanContext): TableSchema {
  const options = hints.filter((h) => h.name.value.toUpperCase() === "OPTIONS");
  if (options.length === 0) return table;
  const first = options[0]!;
  const span = spanOver(options);
  const name = table.path.join(".");
  if (ctx.setting(DYNAMIC_OPTIONS_SETTING)?.trim().toLowerCase() === "false")
    throw new PlanError(
      `OPTIONS hint is allowed only when ${DYNAMIC_OPTIONS_SETTING} is set to true (table '${name}')`,
      first.span,
    );
  if (table.kind !== "table")
    throw new PlanError(
      `view '${name}' cannot be enriched with new options: hints can only be applied to tables`,
      first.span,
    );
  const overrides: Record<string, string> = {};
  for (const hint of options) {
    if (hint.args.length > 0 || hint.properties.length === 0)
      throw new PlanError("the OPTIONS hint takes 'key' = 'value' pairs", hint.span);
    for (const property of hint.properties) overrides[property.key] = property.value;
  }
  const hinted = withDynamicOptions(table, overrides);
  try {
    describeTable(hinted);
  } catch (error) {
    if (error instanceof ConnectorError) throw new PlanError(`OPTIONS hint: ${error.message}`, span);
    throw error;
  }
  return hinted;
}

function spanOver(hints: readonly Hint[]): Span {
  // Not a spread: a parsed span's line and column are getters, which a spread would leave behind.
  return spanCovering(hints[0]!.span, hints[hints.length - 1]!.span);
}
