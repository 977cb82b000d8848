import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { crc32 } from "node:zlib";
import type { SqlValue } from "../../../common/value.ts";
import { syncDirectory } from "../../../store/fs-util.ts";
import { KeyedStateView } from "../state/keyed-state-view.ts";
import { ChunkedFileReader, ChunkedFileWriter, DEFAULT_CHUNK_BYTES } from "./chunked-row-io.ts";
import { parentFile } from "./snapshot-chain.ts";
import {
  applyTables,
  substituteTables,
  type TableEntries,
  tableMarker,
  viewsOf,
  writeTable,
} from "./snapshot-tables.ts";
import { decodeSnapshotVersion1 } from "./snapshot-version-1.ts";

/**
 * The snapshot file of a checkpoint or savepoint, little endian (format version 3):
 *
 *   "HWSNAPSH"                 8 bytes, magic
 *   u16 format version         SNAPSHOT_FORMAT_VERSION
 *   u32 header length, header  JSON: SnapshotHeader
 *   body                       the statement's state in the store's row codec: its tree, then its
 *                              keyed tables (snapshot-tables.ts)
 *   u64 body length
 *   u32 CRC-32                 of every byte before it
 *
 * A checkpoint whose header names a `parent` is incremental: its keyed tables hold what changed since
 * that checkpoint, and restoring it reads the chain from the last self-contained file (a full
 * checkpoint, or a base compaction wrote) through every delta after it. Savepoints are always whole.
 *
 * The body is written and read in chunks (chunked-row-io.ts): a state of gigabytes needs one chunk
 * of memory beside it, and its length is known only at the end, hence the trailer. Version 2 files
 * (a body of one value: the tree with its keyed state inline) and version 1 files (a u32 body length
 * before the body, written whole) are still read.
 *
 * The header is JSON so a person (or `headwater statement`) can read who wrote a file without
 * decoding state. A file is written to a temporary name, fsynced, renamed and its directory fsynced:
 * a crash leaves either the whole file or none under the final name.
 */
export const SNAPSHOT_FORMAT_VERSION = 3;
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
  /** The checkpoint this one's keyed tables are deltas of (in the same folder); absent: self-contained. */
  readonly parent?: number;
}

export interface SnapshotFile {
  readonly header: SnapshotHeader;
  readonly state: SqlValue;
  /** The file's format version: only a version 3 checkpoint can be the parent of a delta. */
  readonly version: number;
  /** Keyed tables its chain holds (version 3): a delta of it must hold as many. */
  readonly tables: number;
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

/** A written snapshot: its size, and the keyed states whose tables it wrote (to mark them checkpointed). */
export interface WrittenSnapshot {
  readonly bytes: number;
  readonly tables: readonly KeyedStateView[];
}

/** Writes a tree whose keyed-state views become table markers, collecting the views in order. */
class TreeWriter extends ChunkedFileWriter {
  readonly views: KeyedStateView[] = [];

  override writeValue(value: SqlValue): void {
    if (value instanceof KeyedStateView) {
      super.writeValue(tableMarker(this.views.length));
      this.views.push(value);
    } else super.writeValue(value);
  }
}

/**
 * A snapshot file being written: the prologue and header at once, the body through `writer` (in as
 * many steps as the caller likes), then `commit` makes it durable under its final name. `abandon`
 * removes the temporary file.
 */
export class SnapshotFileWriter {
  readonly file: string;
  readonly writer: TreeWriter;
  private readonly temporary: string;
  private readonly fd: number;
  private readonly bodyStart: number;

  constructor(file: string, header: SnapshotHeader, options: SnapshotIoOptions = {}) {
    this.file = file;
    this.temporary = `${file}.tmp`;
    this.fd = fs.openSync(this.temporary, "w");
    this.writer = new TreeWriter(this.fd, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    try {
      const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
      const prologue = Buffer.allocUnsafe(PROLOGUE_BYTES);
      SNAPSHOT_MAGIC.copy(prologue, 0);
      prologue.writeUInt16LE(SNAPSHOT_FORMAT_VERSION, SNAPSHOT_MAGIC.length);
      prologue.writeUInt32LE(headerBytes.length, SNAPSHOT_MAGIC.length + 2);
      this.writer.writeRaw(prologue);
      this.writer.writeRaw(headerBytes);
      this.bodyStart = this.writer.written;
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /**
   * Writes out what is buffered and waits for the disk to hold it. A long write in steps (compaction)
   * calls it now and then, so its dirty pages never pile up: on ext4 a checkpoint's fsync would
   * otherwise wait for them too.
   */
  syncSoFar(): void {
    this.writer.flush();
    fs.fdatasyncSync(this.fd);
  }

  /** Ends the body, fsyncs, renames to the final name; returns the file's size. */
  commit(): number {
    const size = this.end();
    try {
      fs.fsyncSync(this.fd);
    } catch (error) {
      this.abandon();
      throw error;
    }
    fs.closeSync(this.fd);
    fs.renameSync(this.temporary, this.file);
    syncDirectory(path.dirname(this.file));
    return size;
  }

  /**
   * Ends the body now (returns the file's size) and makes the file durable under its final name in
   * the background: its fsync, rename and directory fsync run on libuv's thread pool, so the event
   * loop (the engine's steps, REST lookups) runs on while the disk works. `durable` settles then.
   */
  commitInBackground(): { readonly bytes: number; readonly durable: Promise<void> } {
    const bytes = this.end();
    // One trip to the thread pool, for the fsync that waits for the disk; the rename and the
    // directory's fsync (of one entry) are quick, and each further trip would wait for a busy loop.
    const durable = fsyncAsync(this.fd).then(
      () => {
        fs.closeSync(this.fd);
        fs.renameSync(this.temporary, this.file);
        syncDirectory(path.dirname(this.file));
      },
      (error) => {
        this.abandon();
        throw error;
      },
    );
    return { bytes, durable };
  }

  /** Writes what is buffered and the trailer; returns the file's size. */
  private end(): number {
    try {
      const writer = this.writer;
      writer.flush();
      const length = Buffer.allocUnsafe(8);
      length.writeBigUInt64LE(BigInt(writer.written - this.bodyStart));
      writer.writeRaw(length);
      const checksum = Buffer.allocUnsafe(4);
      checksum.writeUInt32LE(writer.crc);
      writer.writeRaw(checksum);
      return writer.written;
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /** Closes and removes the temporary file (a half-written snapshot of gigabytes should not stay). */
  abandon(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // Closed already.
    }
    fs.rmSync(this.temporary, { force: true });
  }
}

/**
 * Writes a snapshot to `file` atomically and durably — temporary file, fsync, rename, directory
 * fsync — encoding the state chunk by chunk. With `header.parent` a keyed table holds only what
 * changed since that checkpoint, unless most of it changed or it has no record of changes: then it
 * is written whole (as large, and it ends the chain there). A file whose tables are all whole drops
 * the parent: it is self-contained, and nothing before it needs keeping or merging.
 */
export function writeSnapshotFile(
  file: string,
  header: SnapshotHeader,
  state: SqlValue,
  options: SnapshotIoOptions = {},
): WrittenSnapshot {
  const { out, tables } = encodeSnapshot(file, header, state, options);
  return { bytes: out.commit(), tables };
}

/**
 * As writeSnapshotFile, but the file becomes durable in the background (`durable` settles then):
 * encoding happens now, between steps, as it must; the disk's wait does not hold the event loop.
 */
export function writeSnapshotFileInBackground(
  file: string,
  header: SnapshotHeader,
  state: SqlValue,
  options: SnapshotIoOptions = {},
): WrittenSnapshot & { readonly durable: Promise<void> } {
  const { out, tables } = encodeSnapshot(file, header, state, options);
  return { ...out.commitInBackground(), tables };
}

/** Encodes the state into the file's temporary name; the caller commits it. */
function encodeSnapshot(
  file: string,
  header: SnapshotHeader,
  state: SqlValue,
  options: SnapshotIoOptions,
): { out: SnapshotFileWriter; tables: KeyedStateView[] } {
  const views = viewsOf(state);
  const deltas = views.map((view) => header.parent !== undefined && worthADelta(view));
  const { parent: _parent, ...whole } = header;
  const out = new SnapshotFileWriter(file, deltas.some(Boolean) ? header : whole, options);
  const writer = out.writer;
  try {
    writer.writeValue(state);
    if (writer.views.length !== views.length)
      throw new Error("the state's keyed tables changed while it was written");
    writer.writeValue(views.length);
    for (let i = 0; i < views.length; i++) writeTable(writer, views[i]!, deltas[i]!);
  } catch (error) {
    out.abandon();
    throw error;
  }
  return { out, tables: views };
}

const fsyncAsync = promisify(fs.fsync);

/** A table is written as a delta when it has a record of changes and less than half of it changed. */
function worthADelta(view: KeyedStateView): boolean {
  const changes = view.state.changesSinceCheckpoint();
  return changes !== undefined && changes.size * 2 < view.state.size;
}

/**
 * One snapshot file opened for reading: its header, and a reader positioned at its body. `verify`
 * reads what is left and checks the checksum; a torn or damaged file never restores anything.
 */
export class SnapshotFileReader {
  readonly file: string;
  readonly header: SnapshotHeader;
  readonly version: number;
  readonly reader: ChunkedFileReader;
  private readonly fd: number;
  private readonly trailer: Buffer;

  /** Opens a file of version 2 or later (version 1 files are read whole: readSnapshotFile). */
  constructor(file: string, options: SnapshotIoOptions = {}) {
    this.file = file;
    this.fd = fs.openSync(file, "r");
    try {
      const { version, size, prologue } = readPrologue(this.fd, file);
      if (version === 1)
        throw new SnapshotFormatError(file, "format version 1 cannot be read in steps", false);
      this.version = version;
      const headerLength = prologue.readUInt32LE(SNAPSHOT_MAGIC.length + 2);
      const bodyStart = PROLOGUE_BYTES + headerLength;
      if (bodyStart + TRAILER_BYTES > size) throw tornSnapshot(file, "cut short in the header");
      const headerBytes = readAt(this.fd, PROLOGUE_BYTES, headerLength);
      this.trailer = readAt(this.fd, size - TRAILER_BYTES, TRAILER_BYTES);
      const bodyEnd = bodyStart + Number(this.trailer.readBigUInt64LE(0));
      if (bodyEnd !== size - TRAILER_BYTES)
        throw tornSnapshot(
          file,
          bodyEnd > size - TRAILER_BYTES ? "cut short in the state" : "length mismatch",
        );
      this.header = parseHeader(headerBytes, file);
      this.reader = new ChunkedFileReader(
        this.fd,
        bodyStart,
        bodyEnd,
        options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
        crc32(headerBytes, crc32(prologue)),
      );
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
  }

  /** Reads the rest of the body and checks the checksum; `undecodable`: why decoding failed, if it did. */
  verify(undecodable?: string): void {
    let reason = undecodable;
    if (reason === undefined && !this.reader.finished) reason = "trailing bytes in the state";
    this.reader.drain();
    if (crc32(this.trailer.subarray(0, 8), this.reader.crc) !== this.trailer.readUInt32LE(8))
      throw tornSnapshot(this.file, "checksum mismatch");
    if (reason !== undefined) throw tornSnapshot(this.file, reason);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Reads only a snapshot's header (retention and compaction follow chains by it). */
export function readSnapshotHeader(file: string): SnapshotHeader {
  const fd = fs.openSync(file, "r");
  try {
    const { version, size, prologue } = readPrologue(fd, file);
    if (version === 1) return decodeSnapshotVersion1(fs.readFileSync(fd), file).header;
    const headerLength = prologue.readUInt32LE(SNAPSHOT_MAGIC.length + 2);
    if (PROLOGUE_BYTES + headerLength + TRAILER_BYTES > size)
      throw tornSnapshot(file, "cut short in the header");
    return parseHeader(readAt(fd, PROLOGUE_BYTES, headerLength), file);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a snapshot: a self-contained file, or an incremental checkpoint together with the chain of
 * files it builds on (each found by its parent's id in the same folder), decoding state chunk by
 * chunk. Every file's checksum is checked before the state is returned.
 */
export function readSnapshotFile(file: string, options: SnapshotIoOptions = {}): SnapshotFile {
  const chain = snapshotChain(file);
  const tables: (TableEntries | undefined)[] = [];
  let state: SqlValue = null;
  let version = 0;
  for (const link of chain) {
    version = readVersion(link);
    if (version === 1) {
      state = decodeSnapshotVersion1(fs.readFileSync(link), link).state;
      continue;
    }
    const opened = new SnapshotFileReader(link, options);
    try {
      let undecodable: string | undefined;
      try {
        state = opened.reader.readValue();
        if (opened.version >= 3) applyTables(opened.reader, tables, link);
      } catch (error) {
        undecodable = error instanceof Error ? error.message : String(error);
      }
      opened.verify(undecodable);
    } finally {
      opened.close();
    }
  }
  const newest = chain[chain.length - 1]!;
  // Files before version 3 hold their keyed state inline: nothing to put in place.
  if (tables.length > 0)
    try {
      state = substituteTables(state, tables, newest);
    } catch (error) {
      throw tornSnapshot(newest, error instanceof Error ? error.message : String(error));
    }
  return { header: readSnapshotHeader(file), state, version, tables: tables.length };
}

/** The files restoring `file` reads, oldest (self-contained) first. */
export function snapshotChain(file: string): string[] {
  const chain = [file];
  for (let header = readSnapshotHeader(file); header.parent !== undefined; ) {
    const parent = parentFile(file, header.parent);
    if (!fs.existsSync(parent))
      throw new SnapshotFormatError(
        file,
        `it builds on checkpoint ${header.parent}, whose file ${parent} is missing`,
        false,
      );
    chain.unshift(parent);
    header = readSnapshotHeader(parent);
    if (chain.length > 100_000) throw new SnapshotFormatError(file, "its chain of parents loops", false);
  }
  return chain;
}

export function parseHeader(bytes: Buffer, file: string): SnapshotHeader {
  try {
    return JSON.parse(bytes.toString("utf8")) as SnapshotHeader;
  } catch {
    throw tornSnapshot(file, "its header is not JSON");
  }
}

function readVersion(file: string): number {
  const fd = fs.openSync(file, "r");
  try {
    return readPrologue(fd, file).version;
  } finally {
    fs.closeSync(fd);
  }
}

/** The prologue checked: magic, a version this Headwater reads, a header length. */
function readPrologue(fd: number, file: string): { version: number; size: number; prologue: Buffer } {
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
  if (version < OLDEST_READ_VERSION || version > SNAPSHOT_FORMAT_VERSION)
    throw unreadableVersion(file, version);
  return { version, size, prologue };
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
