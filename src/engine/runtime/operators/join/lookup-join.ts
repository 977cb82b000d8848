import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, CompiledProjection, EvalContext } from "../../expr/index.ts";
import type { LookupSource } from "../../lookup-source.ts";
import type { Collector, Operator } from "../../operator.ts";
import type { ScanRowBuilder } from "../../sources/scan-row.ts";
import { joinRows } from "./join-matcher.ts";

export interface LookupJoinConfig {
  readonly description: string;
  readonly leftOuter: boolean;
  /** Stored columns of the table to look up by, and the input positions giving their values. */
  readonly columns: readonly number[];
  readonly inputs: readonly number[];
  /** Lays a stored row out as the table's columns (computed columns included). */
  readonly rows: ScanRowBuilder;
  /** The projection and filter on the table's rows (Flink's calc on the temporal table). */
  readonly calc?: { readonly projection: CompiledProjection; readonly predicate?: CompiledPredicate };
  readonly rightWidth: number;
  readonly condition?: CompiledPredicate;
}

/**
 * The lookup join (Flink's LookupJoinRunner): each input row looks its matches up in the table as it
 * is when the row arrives, and is emitted joined with each of them (a LEFT join pads a row without
 * one), with the input row's kind. Later changes of the table do not revise earlier output. Stateless.
 *
 * LookupJoin(lookup=[id=user]): table users {1: ada}; +I[u1, 1] → +I[u1, 1, 1, ada];
 *   users becomes {1: bob}; +I[u2, 1] → +I[u2, 1, 1, bob]
 */
export class LookupJoinOperator implements Operator {
  readonly description: string;
  private readonly config: LookupJoinConfig;
  private readonly source: LookupSource;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly values: SqlValue[];
  private readonly rightNulls: Row;

  constructor(config: LookupJoinConfig, source: LookupSource, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.source = source;
    this.ctx = ctx;
    this.out = out;
    this.values = new Array<SqlValue>(config.columns.length).fill(null);
    this.rightNulls = new Array<SqlValue>(config.rightWidth).fill(null);
  }

  /** The table row's one metadata value, its `timestamp` (the lookup time; reused: the builder copies it). */
  private readonly lookupTime: SqlValue[] = [0];

  process(kind: RowKind, row: Row): void {
    const c = this.config;
    let matched = false;
    let nullKey = false;
    for (let i = 0; i < c.inputs.length; i++) {
      const v = row[c.inputs[i]!]!;
      if (v === null) nullKey = true;
      this.values[i] = v;
    }
    if (!nullKey) {
      const now = this.ctx.currentTimestamp();
      for (const stored of this.source.lookupBy(c.columns, this.values)) {
        this.lookupTime[0] = now;
        const tableRow = c.rows.build(stored, this.lookupTime, 0);
        if (c.calc?.predicate && !c.calc.predicate(tableRow, this.ctx)) continue;
        const right = c.calc ? c.calc.projection(tableRow, this.ctx) : tableRow;
        const joined = joinRows(row, right);
        if (c.condition && !c.condition(joined, this.ctx)) continue;
        this.out.collect(kind, joined);
        matched = true;
      }
    }
    if (!matched && c.leftOuter) this.out.collect(kind, joinRows(row, this.rightNulls));
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
