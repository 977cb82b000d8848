import type { Row, SqlValue } from "../../../common/value.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../../plan/layout.ts";
import { PlanError } from "../../plan/plan-error.ts";
import { writableColumns } from "../../plan/plan-statement.ts";
import type { ScanExpressions } from "../../plan/scan-expressions.ts";
import { type CompiledExpr, compileExpr, type EvalContext } from "../expr/index.ts";
import { fieldEnv } from "../field-env.ts";
import { NO_WATERMARK } from "../time/watermark.ts";

/** What a source knows about one record besides its stored columns. */
export interface RecordMeta {
  /** The record's timestamp (epoch ms): `$rowtime`, and the `timestamp` metadata column. */
  readonly timestamp: number;
}

/** Where each column of a scanned row comes from. */
type ColumnSource =
  | { readonly kind: "stored"; readonly index: number }
  | { readonly kind: "timestamp" }
  | { readonly kind: "computed"; readonly expr: CompiledExpr };

/**
 * Lays a stored record out as the table's columns, as a scan emits them: physical columns from the
 * record, `$rowtime` and `METADATA FROM 'timestamp'` from its timestamp, computed columns evaluated
 * over the row so far (Flink lets them read physical and metadata columns only).
 */
export class ScanRowBuilder {
  private readonly sources: readonly ColumnSource[];
  private readonly ctx: EvalContext;

  constructor(table: TableSchema, expressions: ScanExpressions, fields: Fields, ctx: EvalContext) {
    const stored = writableColumns(table);
    const env = fieldEnv(fields);
    this.ctx = ctx;
    this.sources = table.columns.map((c, i): ColumnSource => {
      switch (c.origin) {
        case "physical":
          return { kind: "stored", index: stored.indexOf(i) };
        case "system":
          return { kind: "timestamp" };
        case "metadata":
          if (c.metadataKey === "timestamp") return { kind: "timestamp" };
          throw new PlanError(
            `metadata column '${c.name}' of '${table.path.join(".")}' reads '${c.metadataKey}', which this source does not provide`,
          );
        case "computed": {
          const computed = expressions.computed.find((e) => e.index === i)!;
          return { kind: "computed", expr: compileExpr(computed.expr, env) };
        }
        default:
          return c.origin satisfies never;
      }
    });
  }

  build(stored: Row, meta: RecordMeta): Row {
    const sources = this.sources;
    const row: SqlValue[] = new Array(sources.length);
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      if (source.kind === "stored") row[i] = stored[source.index]!;
      else if (source.kind === "timestamp") row[i] = meta.timestamp;
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
