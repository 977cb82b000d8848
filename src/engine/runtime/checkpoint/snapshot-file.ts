import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import type { SqlValue } from "../../../common/value.ts";
import { syncDirectory } from "../../../store/fs-util.ts";
import { ChunkedFileReader, ChunkedFileWriter, DEFAULT_CHUNK_BYTES } from "./chunked-row-io.ts";
import { decodeSnapshotVersion1 } from "./snapshot-version-1.ts";

/**
 * The snapshot file of a checkpoint or savepoint, little endian (format version 2):
 *
 *   "HWSNAPSH"                 8 bytes, magic
 *   u16 format version         SNAPSHOT_FORMAT_VERSION
 *   u32 header length, header  JSON: SnapshotHeader
 *   body                       the statement's state, one SqlValue in the store's row codec
 *   u64 body length
 *   u32 CRC-32                 of every byte before it
 *
 * The body is written and read in chunks (chunked-row-io.ts): a state of gigabytes needs one chunk
 * of memory beside it, and its length is known only at the end, hence the trailer. Version 1 files
 * (a u32 body length before the body, written whole) are still read.
 *
 * The header is JSON so a person (or `headwater statement`) can read who wrote a file without
 * decoding state. A file is written to a temporary name, fsynced, renamed and its directory fsynced:
 * a crash leaves either the whole file or none under the final name.
 */
export const SNAPSHOT_FORMAT_VERSION = 2;
/** The oldest format version this Headwater still reads. */
const OLDEST_READ_VERSION = 1;

export const SNAPSHOT_MAGIC = Buffer.from("HWSNAPSH", "latin1");
/** Magic, version and header length. */
const PROLOGUE_BYTES = SNAPSHOT_MAGIC.length + 2 + 4;
/** Body length and checksum. */
const TRAILER_BYTES = 8 + 4;

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

export interface SnapshotIoOptions {
  /** Bytes written or read at a time (tests make it small to cross chunk boundaries). */
  readonly chunkBytes?: number;
}

/** A file that is not a snapshot this engine can read: wrong magic, other format, torn or corrupt. */
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

export const tornSnapshot = (file: string, what: string): SnapshotFormatError =>
  new SnapshotFormatError(file, `torn or damaged file (${what}); it was not written completely`, true);

/**
 * Writes a snapshot to `file` atomically and durably — temporary file, fsync, rename, directory
 * fsync — encoding the state chunk by chunk. Returns the file's size.
 */
export function writeSnapshotFile(
  file: string,
  header: SnapshotHeader,
  state: SqlValue,
  options: SnapshotIoOptions = {},
): number {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w");
  let size: number;
  try {
    const writer = new ChunkedFileWriter(fd, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
    const prologue = Buffer.allocUnsafe(PROLOGUE_BYTES);
    SNAPSHOT_MAGIC.copy(prologue, 0);
    prologue.writeUInt16LE(SNAPSHOT_FORMAT_VERSION, SNAPSHOT_MAGIC.length);
    prologue.writeUInt32LE(headerBytes.length, SNAPSHOT_MAGIC.length + 2);
    writer.writeRaw(prologue);
    writer.writeRaw(headerBytes);
    const bodyStart = writer.written;
    writer.writeValue(state);
    writer.flush();
    const length = Buffer.allocUnsafe(8);
    length.writeBigUInt64LE(BigInt(writer.written - bodyStart));
    writer.writeRaw(length);
    const checksum = Buffer.allocUnsafe(4);
    checksum.writeUInt32LE(writer.crc);
    writer.writeRaw(checksum);
    size = writer.written;
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    // A half-written snapshot of gigabytes should not wait for the next restart to go.
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
  return size;
}

/**
 * Reads a snapshot, decoding its state chunk by chunk. The checksum covers the whole file and is
 * checked before the state is returned: a torn or damaged file never restores anything.
 */
export function readSnapshotFile(file: string, options: SnapshotIoOptions = {}): SnapshotFile {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const prologue = readAt(fd, 0, Math.min(size, PROLOGUE_BYTES));
    if (
      prologue.length < SNAPSHOT_MAGIC.length ||
      !prologue.subarray(0, SNAPSHOT_MAGIC.length).equals(SNAPSHOT_MAGIC)
    )
      throw new SnapshotFormatError(
        file,
        "not a Headwater snapshot (bad magic bytes)",
        prologue.length < SNAPSHOT_MAGIC.length,
      );
    if (prologue.length < PROLOGUE_BYTES) throw tornSnapshot(file, "cut short in the header");
    const version = prologue.readUInt16LE(SNAPSHOT_MAGIC.length);
    if (version === 1) return decodeSnapshotVersion1(fs.readFileSync(fd), file);
    if (version !== SNAPSHOT_FORMAT_VERSION) throw unreadableVersion(file, version);
    const headerLength = prologue.readUInt32LE(SNAPSHOT_MAGIC.length + 2);
    const bodyStart = PROLOGUE_BYTES + headerLength;
    if (bodyStart + TRAILER_BYTES > size) throw tornSnapshot(file, "cut short in the header");
    const headerBytes = readAt(fd, PROLOGUE_BYTES, headerLength);
    const trailer = readAt(fd, size - TRAILER_BYTES, TRAILER_BYTES);
    const bodyEnd = bodyStart + Number(trailer.readBigUInt64LE(0));
    if (bodyEnd !== size - TRAILER_BYTES)
      throw tornSnapshot(file, bodyEnd > size - TRAILER_BYTES ? "cut short in the state" : "length mismatch");
    const reader = new ChunkedFileReader(
      fd,
      bodyStart,
      bodyEnd,
      options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
      crc32(headerBytes, crc32(prologue)),
    );
    let state: SqlValue = null;
    let undecodable: string | undefined;
    try {
      state = reader.readValue();
      if (!reader.finished) undecodable = "trailing bytes in the state";
    } catch (error) {
      undecodable = error instanceof Error ? error.message : String(error);
    }
    reader.drain();
    if (crc32(trailer.subarray(0, 8), reader.crc) !== trailer.readUInt32LE(8))
      throw tornSnapshot(file, "checksum mismatch");
    if (undecodable !== undefined) throw tornSnapshot(file, undecodable);
    return { header: parseHeader(headerBytes, file), state };
  } finally {
    fs.closeSync(fd);
  }
}

export function parseHeader(bytes: Buffer, file: string): SnapshotHeader {
  try {
    return JSON.parse(bytes.toString("utf8")) as SnapshotHeader;
  } catch {
    throw tornSnapshot(file, "its header is not JSON");
  }
}

function unreadableVersion(file: string, version: number): SnapshotFormatError {
  const newer = version > SNAPSHOT_FORMAT_VERSION;
  return new SnapshotFormatError(
    file,
    `format version ${version}, but this Headwater reads versions ${OLDEST_READ_VERSION} to ${SNAPSHOT_FORMAT_VERSION}` +
      (newer
        ? " (written by a newer Headwater: resume the statement with that release, or discard its state to start it afresh)"
        : " (discard the statement's state to start it afresh)"),
    false,
  );
}

function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const got = fs.readSync(fd, bytes, done, length - done, position + done);
    if (got === 0) break;
    done += got;
  }
  return bytes.subarray(0, done);
}
