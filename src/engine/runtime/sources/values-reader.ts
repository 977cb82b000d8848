import type { Row, SqlValue } from "../../../common/value.ts";
import type { CompiledProjection, EvalContext } from "../expr/index.ts";
import type { PollResult, SourceReader } from "../operator.ts";

/**
 * The rows of a VALUES clause, as one bounded input: every row `+I`, then the end.
 *
 * Values(tuples=[[{ 1, 'a' }, { 2, 'b' }]]) → +I[1, a], +I[2, b], end
 */
export class ValuesReader implements SourceReader {
  readonly description: string;
  private readonly rows: readonly CompiledProjection[];
  private readonly ctx: EvalContext;
  private next = 0;

  constructor(description: string, rows: readonly CompiledProjection[], ctx: EvalContext) {
    this.description = description;
    this.rows = rows;
    this.ctx = ctx;
  }

  poll(max: number): PollResult {
    if (this.next >= this.rows.length) return "end";
    const end = Math.min(this.rows.length, this.next + max);
    const out: Row[] = [];
    for (; this.next < end; this.next++) out.push(this.rows[this.next]!([], this.ctx));
    return { rows: out };
  }

  /** VALUES is bounded already. */
  bound(): void {}

  snapshot(): SqlValue {
    return this.next;
  }

  restore(state: SqlValue): void {
    this.next = state as number;
  }
}
