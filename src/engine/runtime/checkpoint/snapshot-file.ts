import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import type { SqlValue } from "../../../common/value.ts";
import { syncDirectory } from "../../../store/fs-util.ts";
import { RowReader, RowWriter } from "../../../store/index.ts";

/**
 * The snapshot file of a checkpoint or savepoint, little endian:
 *
 *   "HWSNAPSH"                 8 bytes, magic
 *   u16 format version         SNAPSHOT_FORMAT_VERSION
 *   u32 header length, header  JSON: SnapshotHeader
 *   u32 body length, body      the statement's state, one SqlValue in the store's row codec
 *   u32 CRC-32                 of every byte before it
 *
 * The header is JSON so a person (or `headwater statement`) can read who wrote a file without
 * decoding state. A file is written to a temporary name, fsynced, renamed and its directory fsynced:
 * a crash leaves either the whole file or none under the final name.
 */
export const SNAPSHOT_FORMAT_VERSION = 1;

const MAGIC = Buffer.from("HWSNAPSH", "latin1");

export type SnapshotKind = "checkpoint" | "savepoint";

export interface SnapshotHeader {
  readonly kind: SnapshotKind;
  /** The statement's identity: what a restarted engine looks its checkpoints up by. */
  readonly statement: string;
  /** The statement's SQL text, for people and for the compatibility report. */
  readonly sql: string;
  /** Hash of the statement's physical plans: equal plans restore position by position. */
  readonly fingerprint: string;
  readonly checkpointId: number;
  /** Wall-clock time it was taken, ISO 8601. */
  readonly createdAt: string;
}

export interface SnapshotFile {
  readonly header: SnapshotHeader;
  readonly state: SqlValue;
}

/** A file that is not a snapshot this engine can read: wrong magic, newer format, torn or corrupt. */
export class SnapshotFormatError extends Error {
  readonly file: string;
  /** True when the file was cut short or its checksum fails: an interrupted or damaged write. */
  readonly torn: boolean;

  constructor(file: string, reason: string, torn: boolean) {
    super(`snapshot ${file}: ${reason}`);
    this.name = "SnapshotFormatError";
    this.file = file;
    this.torn = torn;
  }
}

/** The bytes of a snapshot file. */
export function encodeSnapshot(header: SnapshotHeader, state: SqlValue): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const writer = new RowWriter();
  writer.writeValue(state);
  const body = writer.finish();
  const out = Buffer.allocUnsafe(MAGIC.length + 2 + 4 + headerBytes.length + 4 + body.length + 4);
  let pos = MAGIC.copy(out, 0);
  pos = out.writeUInt16LE(SNAPSHOT_FORMAT_VERSION, pos);
  pos = out.writeUInt32LE(headerBytes.length, pos);
  pos += headerBytes.copy(out, pos);
  pos = out.writeUInt32LE(body.length, pos);
  pos += body.copy(out, pos);
  out.writeUInt32LE(crc32(out.subarray(0, pos)), pos);
  return out;
}

/** Reads a snapshot's header only (listing savepoints, checking a file before a restore). */
export function decodeSnapshotHeader(bytes: Buffer, file: string): SnapshotHeader {
  return decode(bytes, file, false).header;
}

export function decodeSnapshot(bytes: Buffer, file: string): SnapshotFile {
  return decode(bytes, file, true);
}

function decode(bytes: Buffer, file: string, withState: boolean): SnapshotFile {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SnapshotFormatError(
      file,
      "not a Headwater snapshot (bad magic bytes)",
      bytes.length < MAGIC.length,
    );
  const torn = (what: string): SnapshotFormatError =>
    new SnapshotFormatError(file, `torn or damaged file (${what}); it was not written completely`, true);
  if (bytes.length < MAGIC.length + 2 + 4) throw torn("cut short in the header");
  const version = bytes.readUInt16LE(MAGIC.length);
  if (version !== SNAPSHOT_FORMAT_VERSION)
    throw new SnapshotFormatError(
      file,
      `format version ${version}, but this Headwater reads version ${SNAPSHOT_FORMAT_VERSION} only` +
        (version > SNAPSHOT_FORMAT_VERSION ? " (written by a newer Headwater)" : ""),
      false,
    );
  let pos = MAGIC.length + 2;
  const headerLength = bytes.readUInt32LE(pos);
  pos += 4;
  if (pos + headerLength + 4 > bytes.length) throw torn("cut short in the header");
  const headerEnd = pos + headerLength;
  const bodyLength = bytes.readUInt32LE(headerEnd);
  const bodyStart = headerEnd + 4;
  const end = bodyStart + bodyLength;
  if (end + 4 > bytes.length) throw torn("cut short in the state");
  if (end + 4 < bytes.length) throw torn("bytes after the checksum");
  if (crc32(bytes.subarray(0, end)) !== bytes.readUInt32LE(end)) throw torn("checksum mismatch");
  const header = JSON.parse(bytes.toString("utf8", pos, headerEnd)) as SnapshotHeader;
  if (!withState) return { header, state: null };
  const reader = new RowReader(bytes, bodyStart, end);
  const state = reader.readValue();
  if (!reader.done) throw torn("trailing bytes in the state");
  return { header, state };
}

/** Writes `bytes` to `file` atomically and durably: temporary file, fsync, rename, directory fsync. */
export function writeSnapshotFile(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

export function readSnapshotFile(file: string): SnapshotFile {
  return decodeSnapshot(fs.readFileSync(file), file);
}
