import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { CompiledPredicate, CompiledProjection, EvalContext } from "../expr/index.ts";
import type { Collector, Operator } from "../operator.ts";

export interface CalcConfig {
  readonly description: string;
  readonly projection: CompiledProjection;
  readonly predicate?: CompiledPredicate;
}

/**
 * Filter and projection, row by row; the row kind passes through unchanged. Stateless.
 *
 * Calc(select=[a, b * 10 AS c], where=[b > 1]): +I[x, 1], +I[y, 2], -U[y, 2], +U[y, 3]
 *   → +I[y, 20], -U[y, 20], +U[y, 30]
 */
export class CalcOperator implements Operator {
  readonly description: string;
  private readonly config: CalcConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;

  constructor(config: CalcConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
  }

  process(kind: RowKind, row: Row): void {
    const { predicate, projection } = this.config;
    if (predicate && !predicate(row, this.ctx)) return;
    this.out.collect(kind, projection(row, this.ctx));
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
