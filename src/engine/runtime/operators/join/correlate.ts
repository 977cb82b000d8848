import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { DataType } from "../../../../sql/types/data-type.ts";
import type { CompiledExpr, CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import { joinRows } from "./join-matcher.ts";

export interface CorrelateConfig {
  readonly description: string;
  /** LEFT: a row whose collection gives no row (NULL, empty, or none passing the condition) is padded. */
  readonly outer: boolean;
  readonly collection: CompiledExpr;
  readonly collectionType: DataType;
  /** Columns the function adds. */
  readonly width: number;
  readonly condition?: CompiledPredicate;
}

/**
 * UNNEST joined to its row (Flink's Correlate with $UNNEST_ROWS): each input row is emitted once per
 * element of its collection, with the element's columns — an ARRAY's elements (a ROW spread into its
 * fields), a MULTISET's elements as often as they occur, a MAP's key and value — and the row's kind.
 * Stateless.
 *
 * Correlate(invocation=[$UNNEST_ROWS$1($cor0.tags)]): +I[1, [a, b]] → +I[1, [a, b], a], +I[1, [a, b], b]
 */
export class CorrelateOperator implements Operator {
  readonly description: string;
  private readonly config: CorrelateConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly nulls: Row;
  private readonly spreadRows: boolean;

  constructor(config: CorrelateConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
    this.nulls = new Array<SqlValue>(config.width).fill(null);
    const t = config.collectionType;
    this.spreadRows = (t.kind === "ARRAY" || t.kind === "MULTISET") && t.element.kind === "ROW";
  }

  process(kind: RowKind, row: Row): void {
    const c = this.config;
    const value = c.collection(row, this.ctx);
    let emitted = false;
    if (Array.isArray(value)) {
      for (const element of value) emitted = this.emit(kind, row, this.columnsOf(element)) || emitted;
    } else if (value instanceof Map) {
      const multiset = c.collectionType.kind === "MULTISET";
      for (const [key, v] of value) {
        if (!multiset) emitted = this.emit(kind, row, [key, v]) || emitted;
        else
          for (let i = 0; i < (v as number); i++)
            emitted = this.emit(kind, row, this.columnsOf(key)) || emitted;
      }
    }
    if (!emitted && c.outer) this.out.collect(kind, joinRows(row, this.nulls));
  }

  /** Emits the row joined with one element's columns if the condition holds; whether it did. */
  private emit(kind: RowKind, row: Row, columns: Row): boolean {
    const joined = joinRows(row, columns);
    if (this.config.condition && !this.config.condition(joined, this.ctx)) return false;
    this.out.collect(kind, joined);
    return true;
  }

  private columnsOf(element: SqlValue): Row {
    if (!this.spreadRows) return [element];
    return Array.isArray(element) ? element : this.nulls;
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }
  finish(): void {}
  snapshot(): SqlValue {
    return null;
  }
  restore(): void {}
}
