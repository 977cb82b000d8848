import type { RowKind } from "../../../common/changelog.ts";
import type { Row } from "../../../common/value.ts";
import { RowReader, RowWriter } from "../../../store/index.ts";

const KIND_CODES: Readonly<Record<RowKind, number>> = { "+I": 0, "-U": 1, "+U": 2, "-D": 3 };
const KINDS: readonly RowKind[] = ["+I", "-U", "+U", "-D"];

/**
 * Changelog rows on their way to another thread, encoded with the store's row codec: per row its
 * kind's code, then the row. The bytes are copied out once, into a buffer the message transfers.
 */
export class RowBatchWriter {
  private readonly writer = new RowWriter();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(kind: RowKind, row: Row): void {
    this.writer.writeVarint(KIND_CODES[kind]);
    this.writer.writeRow(row);
    this.count++;
  }

  /** The batch's bytes in a buffer of their own (transferable); the writer starts a new batch. */
  take(): ArrayBuffer {
    const bytes = this.writer.finish();
    this.count = 0;
    const out = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(out).set(bytes);
    return out;
  }
}

/** Reads a batch back: calls `each` per row in order. */
export function readRowBatch(buffer: ArrayBuffer, each: (kind: RowKind, row: Row) => void): void {
  const reader = new RowReader(new Uint8Array(buffer));
  while (!reader.done) {
    const kind = KINDS[reader.readVarint()];
    if (kind === undefined) throw new Error("corrupt row batch: unknown row kind");
    each(kind, reader.readRow());
  }
}
