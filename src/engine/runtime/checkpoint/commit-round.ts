import type { Store, Transaction } from "../../../store/index.ts";

/**
 * When a round's snapshot files become durable: `now`, before `checkpoint` returns (the engine's loop
 * goes on synchronously, so a commit waiting for the thread pool would wait for the whole loop), or
 * in the `background`, on libuv's thread pool while the event loop serves lookups and steps.
 */
export type RoundDurability = "now" | "background";

/** A statement's part in a round: its transaction, and what to tell it once the round committed. */
export interface RoundMember {
  readonly transaction: Transaction;
  /** Settles when its snapshot file is durable; undefined: durable already. */
  readonly durable: Promise<void> | undefined;
  readonly committed: () => void;
  readonly failed: (error: unknown) => void;
}

/**
 * The store commits of one round of checkpoints, made together. Each statement joins with the
 * transaction that completes its checkpoint (its output since the last one, and its checkpoint
 * marker); once the round is sealed and every member's snapshot file is durable, the transactions
 * commit as one (Store.commitTogether: two control-log fsyncs for the round instead of two per
 * statement). Atomicity per statement is that of a single commit: a crash before the round's commit
 * entry rolls all of them back, and each one's snapshot file is discarded as incomplete at the next
 * start. A statement whose file failed gets its own error and leaves the others to commit. A round
 * durable `now` commits in `seal`, synchronously.
 */
export class CommitRound {
  readonly durability: RoundDurability;
  private readonly store: Store;
  private readonly members: RoundMember[] = [];
  private sealed = false;

  constructor(store: Store, durability: RoundDurability) {
    this.store = store;
    this.durability = durability;
  }

  join(member: RoundMember): void {
    if (this.sealed) throw new Error("a sealed commit round takes no more checkpoints");
    this.members.push(member);
  }

  /** No more members: commits the round (at once, or once every member's file settled). */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const members = this.members;
    if (members.length === 0) return;
    if (members.every((m) => m.durable === undefined)) this.commit(members);
    else
      void Promise.allSettled(members.map((m) => m.durable)).then((files) => {
        const ready: RoundMember[] = [];
        files.forEach((file, i) => {
          const member = members[i]!;
          if (file.status === "fulfilled") ready.push(member);
          else {
            member.transaction.abort();
            member.failed(file.reason);
          }
        });
        this.commit(ready);
      });
  }

  private commit(members: readonly RoundMember[]): void {
    if (members.length === 0) return;
    try {
      this.store.commitTogether(members.map((m) => m.transaction));
    } catch (error) {
      for (const member of members) member.failed(error);
      return;
    }
    for (const member of members) member.committed();
  }
}
