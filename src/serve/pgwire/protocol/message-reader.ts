import { PgError, SQLSTATE } from "../errors.ts";

/**
 * Reads one frontend message's fields with bounds checks: a message that ends early or lies about a
 * length becomes a protocol-violation error instead of reading past its end.
 */
export class MessageReader {
  private offset: number;
  private readonly buffer: Buffer;
  private readonly what: string;

  constructor(buffer: Buffer, offset: number, what: string) {
    this.buffer = buffer;
    this.offset = offset;
    this.what = what;
  }

  int16(): number {
    this.need(2);
    const value = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  int32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buffer.indexOf(0, this.offset);
    if (end < 0) throw this.malformed("a string is not terminated");
    const value = this.buffer.toString("utf8", this.offset, end);
    this.offset = end + 1;
    return value;
  }

  bytes(length: number): Buffer {
    if (length < 0) throw this.malformed(`negative length ${length}`);
    this.need(length);
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** A count of following items; negative counts and counts the message cannot hold are rejected. */
  count(itemBytes: number): number {
    const n = this.int16();
    if (n < 0 || n * itemBytes > this.buffer.length - this.offset)
      throw this.malformed(`bad item count ${n}`);
    return n;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw this.malformed("the message ends early");
  }

  private malformed(why: string): PgError {
    return new PgError(SQLSTATE.protocolViolation, `invalid ${this.what} message: ${why}`);
  }
}
