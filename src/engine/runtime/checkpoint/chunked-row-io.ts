import * as fs from "node:fs";
import { crc32 } from "node:zlib";
import { RowReader, RowWriter } from "../../../store/index.ts";

/** Bytes a snapshot is written and read in: large enough for few system calls, small beside state. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;
/**
 * The writer's first buffer; it doubles up to the chunk size. Most checkpoints of a busy pipeline are
 * deltas of a few kilobytes, several per second per statement: a whole chunk for each was ~50 MB/s of
 * external memory, which V8 answers with major garbage collections.
 */
const FIRST_BUFFER_BYTES = 64 << 10;

/**
 * Encodes values straight into a file, one chunk at a time: a state of any size needs one chunk of
 * memory beside it, not a buffer as large as the file (and never meets Buffer limits). Writes are
 * synchronous, so the encoder waits for the disk (its backpressure). Keeps the CRC-32 of every byte
 * written through it.
 */
export class ChunkedFileWriter extends RowWriter {
  private readonly fd: number;
  private readonly chunkBytes: number;
  /** Bytes written to the file so far. */
  written = 0;
  crc = 0;

  constructor(fd: number, chunkBytes: number) {
    super(Math.min(chunkBytes, FIRST_BUFFER_BYTES));
    this.fd = fd;
    this.chunkBytes = chunkBytes;
  }

  /** Writes raw bytes (the file's header and trailer) after what was encoded so far. */
  writeRaw(bytes: Uint8Array): void {
    this.flush();
    this.write(bytes);
  }

  /** Writes out what is encoded but still buffered. */
  flush(): void {
    const rest = this.takeBuffered();
    if (rest.length > 0) this.write(rest);
  }

  protected override flushFull(bytes: Buffer): boolean {
    // Grown to a chunk first: the bytes written are the same, in fewer system calls.
    if (this.capacity < this.chunkBytes) return false;
    this.write(bytes);
    return true;
  }

  private write(bytes: Uint8Array): void {
    this.crc = crc32(bytes, this.crc);
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
    this.written += bytes.length;
  }
}

/**
 * Decodes values from a byte range of a file, reading it one chunk at a time (a value larger than a
 * chunk grows the buffer for itself). Keeps the CRC-32 of every byte read.
 */
export class ChunkedFileReader extends RowReader {
  private readonly fd: number;
  private buffer: Buffer;
  /** File offset of the next byte to read, and where the range ends. */
  private position: number;
  private readonly limit: number;
  crc: number;

  constructor(fd: number, start: number, limit: number, chunkBytes: number, crc: number) {
    const buffer = Buffer.allocUnsafe(Math.max(16, chunkBytes));
    super(buffer, 0, 0);
    this.fd = fd;
    this.buffer = buffer;
    this.position = start;
    this.limit = limit;
    this.crc = crc;
  }

  /** True when every byte of the range was read and decoded. */
  get finished(): boolean {
    return this.position === this.limit && this.done;
  }

  /** Reads (for the checksum) whatever of the range was not read yet. */
  drain(): void {
    while (this.position < this.limit) this.read(0);
  }

  protected override refill(needed: number): boolean {
    if (this.position >= this.limit) return false;
    const carried = this.unread().length;
    if (carried + needed > this.buffer.length)
      this.buffer = Buffer.concat([this.unread()], Math.max(this.buffer.length * 2, carried + needed));
    else this.unread().copy(this.buffer, 0);
    let end = carried;
    while (end < carried + needed && this.position < this.limit) end = this.read(end);
    this.continueWith(this.buffer, end);
    return end >= carried + needed;
  }

  /** Fills the buffer from `at` with the range's next bytes; returns the end of what it holds. */
  private read(at: number): number {
    const wanted = Math.min(this.buffer.length - at, this.limit - this.position);
    const got = fs.readSync(this.fd, this.buffer, at, wanted, this.position);
    if (got === 0) throw new Error("the file ended early");
    this.crc = crc32(this.buffer.subarray(at, at + got), this.crc);
    this.position += got;
    return at + got;
  }
}
