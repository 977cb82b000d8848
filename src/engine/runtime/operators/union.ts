import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, Operator } from "../operator.ts";

/**
 * UNION ALL: every input's rows, kinds unchanged, in arrival order. Stateless.
 *
 * Union(all=[true]): input 0 +I[a], input 1 +I[b], input 0 -D[a] → +I[a], +I[b], -D[a]
 */
export class UnionOperator implements Operator {
  readonly description: string;
  private readonly out: Collector;

  constructor(description: string, out: Collector) {
    this.description = description;
    this.out = out;
  }

  process(kind: RowKind, row: Row): void {
    this.out.collect(kind, row);
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
