import type { RecordsBatch } from "@platformatic/kafka";

/** Kafka record batch attributes. */
const TRANSACTIONAL_BATCH = 0x10;
const CONTROL_BATCH = 0x20;
/** Control record key: version (int16), then type (int16): 0 abort, 1 commit. */
const ABORT_MARKER = 0;

/** An aborted transaction a read_committed fetch reports: its producer and first offset. */
export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: bigint;
}

/**
 * The batches of one partition's read_committed fetch a consumer may see. The broker stops a
 * read_committed fetch at the last stable offset but leaves aborted records in it, with the list of
 * aborted transactions overlapping the range: filtering them is the client's job. As Kafka's own
 * consumer does, batch by batch in offset order: a producer's transaction is aborted from its first
 * offset until its abort marker, so a transactional batch of a producer in that span is skipped;
 * control batches (the markers) are never records.
 */
export function committedBatches(
  batches: readonly RecordsBatch[],
  aborted: readonly AbortedTransaction[],
): RecordsBatch[] {
  const pending = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1));
  const abortedProducers = new Set<bigint>();
  const kept: RecordsBatch[] = [];
  for (const batch of batches) {
    const lastOffset = batch.firstOffset + BigInt(batch.lastOffsetDelta);
    while (pending.length > 0 && pending[0]!.firstOffset <= lastOffset)
      abortedProducers.add(pending.shift()!.producerId);
    if ((batch.attributes & CONTROL_BATCH) !== 0) {
      if (isAbortMarker(batch)) abortedProducers.delete(batch.producerId);
      continue;
    }
    if ((batch.attributes & TRANSACTIONAL_BATCH) !== 0 && abortedProducers.has(batch.producerId)) continue;
    kept.push(batch);
  }
  return kept;
}

function isAbortMarker(batch: RecordsBatch): boolean {
  const key = batch.records[0]?.key;
  return key !== undefined && key !== null && key.length >= 4 && key.readInt16BE(2) === ABORT_MARKER;
}
