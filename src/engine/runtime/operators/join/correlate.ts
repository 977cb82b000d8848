import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import { joinRows } from "./join-matcher.ts";

/** The correlated side's rows for one input row: UNNEST's elements, or a table function's rows. */
export type CorrelateExpansion = (row: Row, ctx: EvalContext) => Iterable<Row>;

export interface CorrelateConfig {
  readonly description: string;
  /** LEFT: a row whose expansion gives no row (none, or none passing the condition) is padded with NULLs. */
  readonly outer: boolean;
  /** Columns the correlated side adds. */
  readonly width: number;
  readonly expand: CorrelateExpansion;
  readonly condition?: CompiledPredicate;
}

/**
 * An input row joined to the rows its correlated side expands to (Flink's Correlate): each input row is
 * emitted once per such row, with the input row's kind, so updates and retractions pass through as in
 * Flink. Stateless. `unnest.ts` and `table-function-correlate.ts` give the expansions.
 *
 * Correlate(invocation=[$UNNEST_ROWS$1($cor0.tags)]): +I[1, [a, b]] → +I[1, [a, b], a], +I[1, [a, b], b]
 */
export class CorrelateOperator implements Operator {
  readonly description: string;
  private readonly config: CorrelateConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly nulls: Row;

  constructor(config: CorrelateConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
    this.nulls = new Array<SqlValue>(config.width).fill(null);
  }

  process(kind: RowKind, row: Row): void {
    const c = this.config;
    let emitted = false;
    for (const columns of c.expand(row, this.ctx)) {
      const joined = joinRows(row, columns);
      if (c.condition && !c.condition(joined, this.ctx)) continue;
      this.out.collect(kind, joined);
      emitted = true;
    }
    if (!emitted && c.outer) this.out.collect(kind, joinRows(row, this.nulls));
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
