import type { Row, SqlValue } from "../../../common/value.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../../plan/layout.ts";
import { PlanError } from "../../plan/plan-error.ts";
import type { ScanExpressions } from "../../plan/scan-expressions.ts";
import { type CompiledExpr, compileExpr, type EvalContext } from "../expr/index.ts";
import { fieldEnv } from "../field-env.ts";
import { NO_WATERMARK } from "../time/watermark.ts";

/** Where each column of a scanned row comes from. */
type ColumnSource =
  | { readonly kind: "stored"; readonly index: number }
  | { readonly kind: "metadata"; readonly index: number }
  | { readonly kind: "computed"; readonly expr: CompiledExpr };

/** The metadata keys a table's metadata and system columns read, each once, in column order. */
export function metadataKeysOf(table: TableSchema): string[] {
  const keys: string[] = [];
  for (const c of table.columns) {
    if (c.origin !== "metadata" && c.origin !== "system") continue;
    const key = c.metadataKey ?? (c.origin === "system" ? "timestamp" : c.name);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Lays a record out as the table's columns, as a scan emits them: stored columns from the record's
 * values, `$rowtime` and metadata columns from its metadata, computed columns evaluated over the row
 * so far (Flink lets them read physical and metadata columns only).
 *
 * `stored` lists the table column each stored value belongs to; `metadataKeys` the key of each
 * metadata value the source provides.
 */
export class ScanRowBuilder {
  private readonly sources: readonly ColumnSource[];
  private readonly ctx: EvalContext;

  constructor(
    table: TableSchema,
    expressions: ScanExpressions,
    fields: Fields,
    ctx: EvalContext,
    stored: readonly number[],
    metadataKeys: readonly string[],
  ) {
    const env = fieldEnv(fields);
    this.ctx = ctx;
    this.sources = table.columns.map((c, i): ColumnSource => {
      switch (c.origin) {
        case "physical":
          return { kind: "stored", index: stored.indexOf(i) };
        case "system":
        case "metadata": {
          const key = c.metadataKey ?? (c.origin === "system" ? "timestamp" : c.name);
          const index = metadataKeys.indexOf(key);
          if (index < 0)
            throw new PlanError(
              `metadata column '${c.name}' of '${table.path.join(".")}' reads '${key}', which this source does not provide`,
            );
          return { kind: "metadata", index };
        }
        case "computed": {
          const computed = expressions.computed.find((e) => e.index === i)!;
          return { kind: "computed", expr: compileExpr(computed.expr, env) };
        }
        default:
          return c.origin satisfies never;
      }
    });
  }

  /** `metadata[metadataAt + i]` is the value of metadata key i (a source may pass the record row itself). */
  build(stored: Row, metadata: Row, metadataAt: number): Row {
    const sources = this.sources;
    const row: SqlValue[] = new Array(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      if (source.kind === "stored") row[i] = stored[source.index]!;
      else if (source.kind === "metadata") row[i] = metadata[metadataAt + source.index]!;
    }
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      if (source.kind === "computed") row[i] = source.expr(row, this.ctx);
    }
    return row;
  }
}

/**
 * A source's (or one partition's) watermark: the highest value the watermark expression gave over
 * the rows seen — `ts - INTERVAL '5' SECOND` gives bounded out-of-orderness — or, for Confluent's
 * system strategy on `$rowtime`, the highest rowtime seen. NULL results are ignored, as in Flink.
 */
export class WatermarkGenerator {
  private readonly expr: CompiledExpr | undefined;
  private readonly rowtime: number;
  private readonly ctx: EvalContext;
  current = NO_WATERMARK;

  constructor(strategy: NonNullable<ScanExpressions["watermark"]>, fields: Fields, ctx: EvalContext) {
    this.expr = strategy.expr ? compileExpr(strategy.expr, fieldEnv(fields)) : undefined;
    this.rowtime = strategy.rowtime;
    this.ctx = ctx;
  }

  observe(row: Row): void {
    const value = this.expr ? this.expr(row, this.ctx) : row[this.rowtime];
    if (typeof value === "number" && value > this.current) this.current = value;
  }
}
