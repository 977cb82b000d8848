import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, Operator } from "../operator.ts";

export interface ExpandConfig {
  readonly description: string;
  /** Per grouping set: the positions to set to NULL, and the set id appended as `$e`. */
  readonly sets: readonly { readonly nulls: readonly number[]; readonly id: number }[];
}

/**
 * One copy of each row per grouping set, for GROUPING SETS / ROLLUP / CUBE. Stateless.
 *
 * Expand(projects=[{a, b, 0 AS $e}, {null AS a, b, 1 AS $e}]): +I[x, 1] → +I[x, 1, 0], +I[NULL, 1, 1]
 */
export class ExpandOperator implements Operator {
  readonly description: string;
  private readonly config: ExpandConfig;
  private readonly out: Collector;

  constructor(config: ExpandConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
  }

  process(kind: RowKind, row: Row): void {
    for (const set of this.config.sets) {
      const copy = [...row, set.id];
      for (const i of set.nulls) copy[i] = null;
      this.out.collect(kind, copy);
    }
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
