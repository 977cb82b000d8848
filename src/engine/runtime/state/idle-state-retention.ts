import type { SqlValue } from "../../../common/value.ts";

/**
 * Flink's idle state retention (`table.exec.state.ttl`, Confluent's `sql.state-ttl`) for state an
 * operator keeps per key: a key's state expires `ttlMs` after it was last written (StateTtlConfig
 * OnCreateAndWrite), measured on processing time — the engine's clock, as the operator's step sees
 * it. Expired state is never returned (NeverReturnExpired): the operator asks `expired(key)` before
 * it reads, and treats an expired key as one it never saw. `expiredKeys()` lists them oldest first so
 * the operator can also drop them in the background and its memory stays bounded.
 *
 * Operators Flink cleans with a processing-time timer instead (KeyedProcessFunctionWithCleanupState:
 * most OVER functions) keep a key between `ttlMs` and `cleanupMs` (1.5 × the TTL there) after its
 * last write: a write moves the cleanup to `now + cleanupMs` only when `now + ttlMs` passes it, so a
 * busy key does not re-register a timer per row.
 *
 * Write times are kept in a Map in write order (a write moves the key to the end), so the expired
 * keys are always a prefix: sweeping costs what expired, not the whole state.
 */
export class IdleStateRetention<K> {
  readonly ttlMs: number;
  /** How long after the write that last set the key's cleanup the state goes. */
  readonly cleanupMs: number;
  private readonly writtenAt = new Map<K, number>();
  private now = 0;

  constructor(ttlMs: number, cleanupMs = ttlMs) {
    this.ttlMs = ttlMs;
    this.cleanupMs = cleanupMs;
  }

  /** The processing time of the current step. */
  advance(now: number): void {
    this.now = now;
  }

  /** Whether the key's state outlived its retention (Flink: last write + ttl <= now). */
  expired(key: K): boolean {
    const at = this.writtenAt.get(key);
    return at !== undefined && this.now - at >= this.cleanupMs;
  }

  /** The key's state was created or written: its retention starts over (or still covers the TTL). */
  written(key: K): void {
    const at = this.writtenAt.get(key);
    if (at !== undefined && this.now + this.ttlMs <= at + this.cleanupMs) return;
    this.writtenAt.delete(key);
    this.writtenAt.set(key, this.now);
  }

  /** The operator removed the key's state itself. */
  forget(key: K): void {
    this.writtenAt.delete(key);
  }

  /** Keys whose state expired, oldest first; forgetting them while iterating is allowed. */
  *expiredKeys(): Generator<K> {
    for (const [key, at] of this.writtenAt) {
      if (this.now - at < this.cleanupMs) return;
      yield key;
    }
  }

  /**
   * A processing-time hook for an operator whose state is one entry per key: each step advances the
   * clock and drops every expired key's state through `drop`.
   */
  sweeper(drop: (key: K) => void): (now: number) => void {
    return (now) => {
      this.advance(now);
      for (const key of this.expiredKeys()) {
        drop(key);
        this.forget(key);
      }
    };
  }

  /** Write times per key in write order (checkpoints: a restored key keeps its age). */
  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>(this.writtenAt as Map<SqlValue, number>);
  }

  restore(state: SqlValue): void {
    this.writtenAt.clear();
    for (const [key, at] of state as Map<K, number>) this.writtenAt.set(key, at);
  }
}

/** The retention for `table.exec.state.ttl` when it is set and positive (0 keeps state forever, as in Flink). */
export function idleStateRetention<K>(ttlMs: number | undefined): IdleStateRetention<K> | undefined {
  return ttlMs !== undefined && ttlMs > 0 ? new IdleStateRetention<K>(ttlMs) : undefined;
}
