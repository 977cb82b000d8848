import { checksum } from "../checksum.ts";
import { type Header, NO_HEADERS, type RecordInput, type StoredRecord } from "./record.ts";

/*
 * On-disk record frame (little endian). Offsets are stored in every record so that compaction can
 * drop records without renumbering the survivors.
 *
 *   0  u32  body length (bytes after this 8-byte frame header)
 *   4  u32  CRC-32 of the body
 *   -- body --
 *   8  f64  offset
 *  16  f64  timestamp (epoch ms)
 *  24  u8   flags: bit 0 key present, bit 1 value present
 *  25  u32  key length
 *  29  u32  value length
 *  33  u16  header count
 *  35       key bytes, value bytes, then per header: u16 name length, UTF-8 name, u32 value length, value
 */
export const FRAME_HEADER_BYTES = 8;
const BODY_FIXED_BYTES = 27;
export const RECORD_OVERHEAD_BYTES = FRAME_HEADER_BYTES + BODY_FIXED_BYTES;
/** Larger lengths are treated as corruption rather than trusted. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

const KEY_PRESENT = 1;
const VALUE_PRESENT = 2;

/** The frame is cut short by the end of the available bytes. */
export const FRAME_INCOMPLETE = -1;
/** The frame's length or checksum is wrong. */
export const FRAME_CORRUPT = -2;

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encodedSize(record: RecordInput): number {
  let size = RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  const headers = record.headers;
  if (headers !== undefined) {
    for (const [name, value] of headers) size += 6 + Buffer.byteLength(name) + value.length;
  }
  return size;
}

/** Encodes records with consecutive offsets from `firstOffset` into a new buffer, ready for one write. */
export function encodeBatch(records: readonly RecordInput[], firstOffset: number, now: number): Buffer {
  let total = 0;
  for (const record of records) total += encodedSize(record);
  const buf = Buffer.allocUnsafe(total);
  encodeInto(buf, viewOf(buf), records, firstOffset, now);
  return buf;
}

/**
 * Encodes batches into one reused buffer: a fresh multi-megabyte buffer per batch costs page faults
 * and garbage collection that dominate the append path. The returned view is valid until the next call.
 */
export class BatchEncoder {
  private scratch = Buffer.allocUnsafe(0);
  private view = viewOf(this.scratch);

  encode(records: readonly RecordInput[], firstOffset: number, now: number): Buffer {
    let total = 0;
    for (const record of records) total += encodedSize(record);
    if (total > this.scratch.length) {
      this.scratch = Buffer.allocUnsafe(Math.max(total, this.scratch.length * 2));
      this.view = viewOf(this.scratch);
    }
    const buf = this.scratch.subarray(0, total);
    encodeInto(buf, this.view, records, firstOffset, now);
    return buf;
  }
}

function encodeInto(
  buf: Buffer,
  view: DataView,
  records: readonly RecordInput[],
  firstOffset: number,
  now: number,
) {
  let pos = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const start = pos;
    const key = record.key ?? null;
    const value = record.value;
    const headers = record.headers ?? NO_HEADERS;
    if (headers.length > 0xffff) throw new Error("a record may carry at most 65535 headers");
    view.setFloat64(start + 8, firstOffset + i, true);
    view.setFloat64(start + 16, record.timestamp ?? now, true);
    buf[start + 24] = (key === null ? 0 : KEY_PRESENT) | (value === null ? 0 : VALUE_PRESENT);
    view.setUint32(start + 25, key === null ? 0 : key.length, true);
    view.setUint32(start + 29, value === null ? 0 : value.length, true);
    view.setUint16(start + 33, headers.length, true);
    pos = start + RECORD_OVERHEAD_BYTES;
    if (key !== null) {
      buf.set(key, pos);
      pos += key.length;
    }
    if (value !== null) {
      buf.set(value, pos);
      pos += value.length;
    }
    for (const [name, headerValue] of headers) {
      const nameBytes = buf.write(name, pos + 2, "utf8");
      if (nameBytes > 0xffff) throw new Error("a header name may be at most 65535 bytes");
      view.setUint16(pos, nameBytes, true);
      pos += 2 + nameBytes;
      view.setUint32(pos, headerValue.length, true);
      buf.set(headerValue, pos + 4);
      pos += 4 + headerValue.length;
    }
    const bodyLength = pos - start - FRAME_HEADER_BYTES;
    if (bodyLength + FRAME_HEADER_BYTES > MAX_RECORD_BYTES) throw new Error("record too large");
    view.setUint32(start, bodyLength, true);
    view.setUint32(start + 4, checksum(buf, start + FRAME_HEADER_BYTES, pos), true);
  }
}

/**
 * Checks the frame at `pos` within `bytes[0, end)`: returns the position just after it, or
 * FRAME_INCOMPLETE when `end` cuts it, or FRAME_CORRUPT when its length or checksum is wrong.
 */
export function checkFrame(
  bytes: Uint8Array,
  view: DataView,
  pos: number,
  end: number,
  verify: boolean,
): number {
  if (end - pos < FRAME_HEADER_BYTES) return FRAME_INCOMPLETE;
  const bodyLength = view.getUint32(pos, true);
  if (bodyLength < BODY_FIXED_BYTES || bodyLength > MAX_RECORD_BYTES) return FRAME_CORRUPT;
  const frameEnd = pos + FRAME_HEADER_BYTES + bodyLength;
  if (frameEnd > end) return FRAME_INCOMPLETE;
  if (verify && checksum(bytes, pos + FRAME_HEADER_BYTES, frameEnd) !== view.getUint32(pos + 4, true)) {
    return FRAME_CORRUPT;
  }
  return frameEnd;
}

/** The length of the frame at `pos`, whose header must be available. */
export function frameLength(view: DataView, pos: number): number {
  return FRAME_HEADER_BYTES + view.getUint32(pos, true);
}

export function frameOffset(view: DataView, pos: number): number {
  return view.getFloat64(pos + 8, true);
}

export function frameTimestamp(view: DataView, pos: number): number {
  return view.getFloat64(pos + 16, true);
}

/** The key bytes of a checked frame (a view), or null. */
export function frameKey(bytes: Uint8Array, view: DataView, pos: number): Uint8Array | null {
  if ((bytes[pos + 24]! & KEY_PRESENT) === 0) return null;
  const start = pos + RECORD_OVERHEAD_BYTES;
  return bytes.subarray(start, start + view.getUint32(pos + 25, true));
}

export function frameIsTombstone(bytes: Uint8Array, pos: number): boolean {
  return (bytes[pos + 24]! & VALUE_PRESENT) === 0;
}

/** Decodes a checked frame; key, value and header values are views into `bytes`. */
export function decodeFrame(bytes: Uint8Array, view: DataView, pos: number): StoredRecord {
  const flags = bytes[pos + 24]!;
  const keyLength = view.getUint32(pos + 25, true);
  const valueLength = view.getUint32(pos + 29, true);
  const headerCount = view.getUint16(pos + 33, true);
  let at = pos + RECORD_OVERHEAD_BYTES;
  const key = (flags & KEY_PRESENT) === 0 ? null : bytes.subarray(at, at + keyLength);
  at += keyLength;
  const value = (flags & VALUE_PRESENT) === 0 ? null : bytes.subarray(at, at + valueLength);
  at += valueLength;
  let headers: readonly Header[] = NO_HEADERS;
  if (headerCount > 0) {
    const list: Header[] = [];
    for (let i = 0; i < headerCount; i++) {
      const nameLength = view.getUint16(at, true);
      const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 2, nameLength).toString("utf8");
      at += 2 + nameLength;
      const length = view.getUint32(at, true);
      list.push([name, bytes.subarray(at + 4, at + 4 + length)]);
      at += 4 + length;
    }
    headers = list;
  }
  return {
    offset: view.getFloat64(pos + 8, true),
    timestamp: view.getFloat64(pos + 16, true),
    key,
    value,
    headers,
  };
}
