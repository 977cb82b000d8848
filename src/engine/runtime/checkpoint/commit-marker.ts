import type { Store, Transaction } from "../../../store/index.ts";

/**
 * Where a statement's completed checkpoints are recorded: in the commit record of the store
 * transaction that makes the checkpoint's output visible. The id rides as the committed "offset" of a
 * reserved consumer group for a pseudo-topic named after the statement — the same device Kafka's
 * exactly-once uses (offsets committed inside the producer's transaction), so the store needs no
 * second kind of commit record. One fsynced control-log entry thus both publishes the output and
 * completes the checkpoint: the store commit is the commit point.
 */
const MARKER_GROUP = "__headwater_checkpoints";

/** Completes checkpoint `id` of `statement` when `transaction` commits. */
export function markCheckpoint(transaction: Transaction, statement: string, id: number): void {
  transaction.commitOffsets(MARKER_GROUP, statement, new Map([[0, id]]));
}

/** The id of the statement's last completed checkpoint, or undefined when none completed. */
export function lastCompletedCheckpoint(store: Store, statement: string): number | undefined {
  return store.committedOffsets(MARKER_GROUP, statement).get(0);
}
