/** Share of the engine's time compactions may take while jobs have work. */
const SHARE_WHILE_BUSY = 0.25;
/** The longest slice: the longest a compaction holds up the jobs at once. */
const MAX_SLICE_MS = 20;
/** Pause between slices while the engine waits for input (a timer: only runs when it is idle). */
const IDLE_PAUSE_MS = 5;

/** A statement with a compaction to advance (CheckpointedStatement). */
export interface Compacting {
  compact(budgetMs: number): number;
}

/**
 * Gives checkpoint compactions (ChainCompaction) time without holding up the jobs: between the
 * engine's rounds, slices of at most MAX_SLICE_MS whose total stays within SHARE_WHILE_BUSY of the
 * time elapsed; while the engine waits for input, a timer runs slices back to back (its callback
 * only runs when the event loop is free, so it never delays a round by more than one slice).
 */
export class CompactionPacer {
  private readonly pending: () => readonly Compacting[];
  private credit = 0;
  private last = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(pending: () => readonly Compacting[]) {
    this.pending = pending;
  }

  /** Between rounds: spends the credit earned since the last call on the statements given. */
  between(statements: readonly Compacting[]): void {
    const now = performance.now();
    this.credit = Math.min(MAX_SLICE_MS, this.credit + (now - this.last) * SHARE_WHILE_BUSY);
    this.last = now;
    if (statements.length === 0) return;
    if (this.credit >= 1) this.credit -= this.slice(statements, this.credit);
    this.idleLater();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private slice(statements: readonly Compacting[], budgetMs: number): number {
    let spent = 0;
    for (const statement of statements) {
      if (spent >= budgetMs) break;
      spent += statement.compact(budgetMs - spent);
    }
    return spent;
  }

  private idleLater(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const statements = this.pending();
      if (statements.length === 0) return;
      this.slice(statements, MAX_SLICE_MS);
      this.last = performance.now();
      this.idleLater();
    }, IDLE_PAUSE_MS);
    this.timer.unref();
  }
}
