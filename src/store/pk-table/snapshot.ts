import * as fs from "node:fs";
import * as path from "node:path";
import type { Row } from "../../common/value.ts";
import { checksum } from "../checksum.ts";
import { writeFileAtomic } from "../fs-util.ts";
import { RowReader, RowWriter } from "../row-codec.ts";

const MAGIC = 0x48575353; // "HWSS"
const HEADER_BYTES = 24;

export interface Snapshot {
  /** The log offset the snapshot covers up to (exclusive): replay resumes here. */
  readonly nextOffset: number;
  /** Wall-clock time the snapshot was written. */
  readonly writtenAt: number;
  readonly entries: Row[];
}

/**
 * Snapshot file: u32 magic, u32 CRC-32 of the body, f64 next log offset, f64 write time, then the
 * body: entries encoded as rows. Written atomically (temporary file, fsync, rename).
 */
export function writeSnapshot(
  file: string,
  nextOffset: number,
  writtenAt: number,
  entries: readonly Row[],
): void {
  const writer = new RowWriter();
  for (const entry of entries) writer.writeRow(entry);
  const body = writer.finish();
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(checksum(body, 0, body.length), 4);
  header.writeDoubleLE(nextOffset, 8);
  header.writeDoubleLE(writtenAt, 16);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, Buffer.concat([header, body]), true);
}

/** Reads a snapshot, or undefined if it is damaged (the table then replays the whole log). */
export function readSnapshot(file: string): Snapshot | undefined {
  const bytes = fs.readFileSync(file);
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
  if (bytes.readUInt32LE(4) !== checksum(bytes, HEADER_BYTES, bytes.length)) return undefined;
  const reader = new RowReader(bytes, HEADER_BYTES);
  const entries: Row[] = [];
  while (!reader.done) entries.push(reader.readRow());
  return { nextOffset: bytes.readDoubleLE(8), writtenAt: bytes.readDoubleLE(16), entries };
}
