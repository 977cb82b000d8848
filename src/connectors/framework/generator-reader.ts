import type { Row, SqlValue } from "../../common/value.ts";
import type { ConnectorContext, RecordReader, SourcePoll, SourceSplit } from "./connector.ts";

/** Rows defined by their position, so any slice can be produced again (restores, determinism). */
export interface RowSequence {
  /** Rows in the stream; Infinity when unbounded. */
  readonly total: number;
  rowAt(index: number): Row;
  /** When row `index` may be emitted, in ms after the reader opened (pacing); undefined: at once. */
  dueAt?(index: number): number;
}

/**
 * Rows an unpaced generator emits before yielding to the event loop: an unbounded source must not
 * keep the engine's synchronous loop busy forever (execute() would never return).
 */
const ROWS_PER_TURN = 65_536;

/**
 * The reader of a generated table (datagen, nexmark): rows by position, paced in wall-clock time when
 * the sequence says so (rows-per-second), one split. `bound()` ends an unbounded stream at the rows
 * emitted so far; a bounded one ends by itself. Reader i of a `split` into p reads positions i, i + p,
 * i + 2p, … (as the nexmark generator's splits do), so the p readers together read the whole stream.
 */
export class GeneratorReader implements RecordReader {
  readonly splits = 1;
  private readonly sequence: RowSequence;
  private readonly ctx: ConnectorContext;
  private readonly stride: number;
  private next: number;
  private limit: number;
  private openedAt = 0;
  private turnRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private yielded = false;

  constructor(sequence: RowSequence, ctx: ConnectorContext, split?: SourceSplit) {
    this.sequence = sequence;
    this.ctx = ctx;
    this.limit = sequence.total;
    this.stride = split?.count ?? 1;
    this.next = split?.index ?? 0;
  }

  async open(): Promise<void> {
    this.openedAt = performance.now();
  }

  poll(max: number): SourcePoll {
    if (this.next >= this.limit) return "end";
    const stride = this.stride;
    const left = Math.ceil((this.limit - this.next) / stride);
    let count = Math.min(max, left, ROWS_PER_TURN - this.turnRows);
    if (count <= 0) return this.yieldTurn();
    const due = this.sequence.dueAt;
    if (due) {
      const elapsed = performance.now() - this.openedAt;
      let ready = 0;
      while (ready < count && due.call(this.sequence, this.next + ready * stride) <= elapsed) ready++;
      if (ready === 0) return this.waitUntil(due.call(this.sequence, this.next) - elapsed);
      count = ready;
    }
    const rows: Row[] = new Array(count);
    for (let i = 0; i < count; i++) rows[i] = this.sequence.rowAt(this.next + i * stride);
    this.next += count * stride;
    this.turnRows += count;
    return { rows };
  }

  bound(): void {
    if (this.sequence.total === Number.POSITIVE_INFINITY) this.limit = Math.min(this.limit, this.next);
  }

  snapshot(): SqlValue {
    return this.next;
  }

  restore(state: SqlValue): void {
    this.next = state as number;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Lets the event loop run, then asks the engine to poll again. */
  private yieldTurn(): SourcePoll {
    if (!this.yielded) {
      this.yielded = true;
      setImmediate(() => {
        this.yielded = false;
        this.turnRows = 0;
        this.ctx.wake();
      });
    }
    return "idle";
  }

  private waitUntil(delayMs: number): SourcePoll {
    if (!this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.turnRows = 0;
          this.ctx.wake();
        },
        Math.max(1, Math.ceil(delayMs)),
      );
    }
    return "idle";
  }
}
