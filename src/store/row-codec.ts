import type { Row, SqlValue } from "../common/value.ts";

/*
 * A compact, self-describing binary encoding of rows (`Row` = SqlValue[]), used for primary-key table
 * values and for engine checkpoints and state spill. A row is a varint column count followed by one
 * tagged value per column:
 *
 *   0 NULL   1 FALSE   2 TRUE
 *   3 INT32     zigzag varint (integers in int32 range; the common case for INT, DATE, TIME)
 *   4 FLOAT64   8 bytes (every other number, including -0, NaN, ±Infinity and BIGINT beyond int32)
 *   5 BIGINT64  8 bytes two's complement (DECIMAL unscaled values that fit)
 *   6 BIGINT    sign byte, varint length, magnitude big endian (larger DECIMALs)
 *   7 STRING    varint byte length, UTF-8
 *   8 BYTES     varint length, bytes
 *   9 ARRAY     varint count, values (ARRAY and ROW)
 *  10 MAP       varint count, key and value per entry (MAP and MULTISET)
 *
 * Decoding gives back equal values of the same JS types. The encoding of a value is deterministic
 * (for maps: in their iteration order).
 */
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const INT32 = 3;
const FLOAT64 = 4;
const BIGINT64 = 5;
const BIGINT = 6;
const STRING = 7;
const BYTES = 8;
const ARRAY = 9;
const MAP = 10;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Appends encoded values to a growing buffer; `finish()` copies out the result. A subclass that
 * streams (checkpoint files) overrides `flushFull` to write the buffer out when it is full, so it
 * is reused instead of grown.
 */
export class RowWriter {
  private buf: Buffer;
  private view: DataView;
  private pos = 0;

  constructor(capacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, capacity));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  get length(): number {
    return this.pos;
  }

  /** Bytes the buffer holds before it must be flushed (`flushFull`) or grown. */
  protected get capacity(): number {
    return this.buf.length;
  }

  writeRow(row: readonly SqlValue[]): void {
    this.writeVarint(row.length);
    for (let i = 0; i < row.length; i++) this.writeValue(row[i]!);
  }

  writeValue(value: SqlValue): void {
    this.ensure(10);
    switch (typeof value) {
      case "boolean":
        this.buf[this.pos++] = value ? TRUE : FALSE;
        return;
      case "number":
        if ((value | 0) === value && !Object.is(value, -0)) {
          this.buf[this.pos++] = INT32;
          this.writeVarint(((value << 1) ^ (value >> 31)) >>> 0);
        } else {
          this.buf[this.pos++] = FLOAT64;
          this.view.setFloat64(this.pos, value, true);
          this.pos += 8;
        }
        return;
      case "bigint":
        this.writeBigint(value);
        return;
      case "string": {
        if (value.length < 0x80 && this.writeShortAscii(value)) return;
        const length = Buffer.byteLength(value, "utf8");
        this.buf[this.pos++] = STRING;
        this.writeVarint(length);
        this.ensure(length);
        this.pos += this.buf.write(value, this.pos, length, "utf8");
        return;
      }
      case "object":
        if (value === null) this.buf[this.pos++] = NULL;
        else if (value instanceof Uint8Array) {
          this.buf[this.pos++] = BYTES;
          this.writeBytes(value);
        } else if (Array.isArray(value)) {
          this.buf[this.pos++] = ARRAY;
          this.writeRow(value);
        } else if (value instanceof Map) {
          this.buf[this.pos++] = MAP;
          this.writeVarint(value.size);
          for (const [k, v] of value) {
            this.writeValue(k);
            this.writeValue(v);
          }
        } else throw new TypeError(`not a SQL value: ${String(value)}`);
        return;
      default:
        throw new TypeError(`not a SQL value: ${String(value)}`);
    }
  }

  /**
   * Writes a string of fewer than 128 characters if all are ASCII (most keys, codes and names), in
   * JS: for short strings two native calls (byte length, UTF-8 write) cost more than the copy.
   * Says false, having written nothing, at the first other character.
   */
  private writeShortAscii(value: string): boolean {
    const length = value.length;
    this.ensure(length + 2);
    const buf = this.buf;
    const start = this.pos + 2;
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return false;
      buf[start + i] = c;
    }
    buf[this.pos] = STRING;
    buf[this.pos + 1] = length;
    this.pos = start + length;
    return true;
  }

  /** Writes a varint length followed by the bytes. */
  writeBytes(bytes: Uint8Array): void {
    this.writeVarint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  writeVarint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  /** A copy of everything written, and a reset for reuse. */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.pos = 0;
    return out;
  }

  /** What was written, as a view of the buffer valid until the next write, and a reset: no copy. */
  protected takeBuffered(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** The bytes written as a latin1 string (one character per byte), without a Buffer in between. */
  finishLatin1(): string {
    const out = this.buf.toString("latin1", 0, this.pos);
    this.pos = 0;
    return out;
  }

  private writeBigint(value: bigint): void {
    if (value >= INT64_MIN && value <= INT64_MAX) {
      this.buf[this.pos++] = BIGINT64;
      this.view.setBigInt64(this.pos, value, true);
      this.pos += 8;
      return;
    }
    const negative = value < 0n;
    let hex = (negative ? -value : value).toString(16);
    if (hex.length % 2 === 1) hex = `0${hex}`;
    this.buf[this.pos++] = BIGINT;
    this.buf[this.pos++] = negative ? 1 : 0;
    this.writeBytes(Buffer.from(hex, "hex"));
  }

  /** The buffer is full: a streaming writer writes out `bytes` (valid until it returns) and says true. */
  protected flushFull(_bytes: Buffer): boolean {
    return false;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    if (this.pos > 0 && this.flushFull(this.buf.subarray(0, this.pos))) {
      this.pos = 0;
      if (extra <= this.buf.length) return;
    }
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
  }
}

/**
 * Reads values written by `RowWriter` from a byte range. A subclass that reads a stream in chunks
 * (checkpoint files) overrides `refill` to move on to the next chunk when a value reaches past `end`.
 */
export class RowReader {
  private bytes: Buffer;
  private view: DataView;
  pos: number;
  private end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }

  /** Goes on reading from `bytes` (the unread rest of the previous range first, then more). */
  protected continueWith(bytes: Uint8Array, end = bytes.length): void {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    this.end = end;
  }

  /** Bytes `pos..end` are not the whole value: a streaming reader calls continueWith, and says true. */
  protected refill(_needed: number): boolean {
    return false;
  }

  /** The unread bytes of the current range (a streaming reader carries them into the next). */
  protected unread(): Buffer {
    return this.bytes.subarray(this.pos, this.end);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  readRow(): Row {
    const count = this.readVarint();
    const row: Row = new Array(count);
    for (let i = 0; i < count; i++) row[i] = this.readValue();
    return row;
  }

  readValue(): SqlValue {
    this.take(1);
    const tag = this.bytes[this.pos++]!;
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT32: {
        const z = this.readVarint();
        return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      }
      case FLOAT64:
        this.take(8);
        this.pos += 8;
        return this.view.getFloat64(this.pos - 8, true);
      case BIGINT64:
        this.take(8);
        this.pos += 8;
        return this.view.getBigInt64(this.pos - 8, true);
      case BIGINT: {
        this.take(1);
        const negative = this.bytes[this.pos++] === 1;
        const magnitude = BigInt(`0x${Buffer.from(this.readBytes()).toString("hex")}`);
        return negative ? -magnitude : magnitude;
      }
      case STRING: {
        const length = this.readVarint();
        this.take(length);
        this.pos += length;
        return this.bytes.toString("utf8", this.pos - length, this.pos);
      }
      case BYTES:
        return this.readBytes();
      case ARRAY:
        return this.readRow();
      case MAP: {
        const size = this.readVarint();
        const map = new Map<SqlValue, SqlValue>();
        for (let i = 0; i < size; i++) map.set(this.readValue(), this.readValue());
        return map;
      }
      default:
        throw new Error(`corrupt row encoding: unknown tag ${tag} at byte ${this.pos - 1}`);
    }
  }

  /** A copy of a varint-length byte string (copied so it does not pin the source buffer). */
  readBytes(): Uint8Array {
    const length = this.readVarint();
    this.take(length);
    this.pos += length;
    return new Uint8Array(this.bytes.subarray(this.pos - length, this.pos));
  }

  readVarint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      this.take(1);
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error("corrupt row encoding: varint too long");
    }
  }

  private take(n: number): void {
    if (this.pos + n > this.end && !this.refill(this.pos + n - this.end))
      throw new Error("corrupt row encoding: truncated");
  }
}

const sharedWriter = new RowWriter();

export function encodeRow(row: readonly SqlValue[]): Buffer {
  sharedWriter.writeRow(row);
  return sharedWriter.finish();
}

/**
 * A row's encoding as a latin1 string: the compact form of a row kept in memory (a string is one
 * object with a small header, where a Buffer per row costs a JS object and an off-heap slice).
 */
export function encodeRowLatin1(row: readonly SqlValue[]): string {
  sharedWriter.writeRow(row);
  return sharedWriter.finishLatin1();
}

/** Bytes `decodeRowLatin1` copies a string into: reused, since decoding copies out what it keeps. */
let latin1Scratch = Buffer.allocUnsafe(4096);

export function decodeRowLatin1(text: string): Row {
  if (latin1Scratch.length < text.length) latin1Scratch = Buffer.allocUnsafe(2 * text.length);
  const length = latin1Scratch.write(text, 0, "latin1");
  return decodeRow(latin1Scratch.subarray(0, length));
}

export function decodeRow(bytes: Uint8Array): Row {
  const reader = new RowReader(bytes);
  const row = reader.readRow();
  if (!reader.done) throw new Error("corrupt row encoding: trailing bytes");
  return row;
}
