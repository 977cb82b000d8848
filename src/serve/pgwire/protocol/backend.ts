import type { PgError } from "../errors.ts";

/** A column of a RowDescription. */
export interface FieldDescription {
  readonly name: string;
  readonly typeOid: number;
  readonly typeSize: number;
  readonly typeModifier: number;
  readonly format: 0 | 1;
}

/**
 * Builds backend messages into one growing buffer, so a response (many DataRows, CommandComplete,
 * ReadyForQuery) leaves in few socket writes. `take()` hands the bytes over and starts afresh.
 */
export class BackendWriter {
  private buffer = Buffer.allocUnsafe(16 * 1024);
  private length = 0;
  private messageStart = -1;

  get size(): number {
    return this.length;
  }

  take(): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    return out;
  }

  parseComplete(): void {
    this.empty("1");
  }
  bindComplete(): void {
    this.empty("2");
  }
  closeComplete(): void {
    this.empty("3");
  }
  noData(): void {
    this.empty("n");
  }
  emptyQueryResponse(): void {
    this.empty("I");
  }
  portalSuspended(): void {
    this.empty("s");
  }

  readyForQuery(status: "I" | "T" | "E"): void {
    this.begin("Z");
    this.byte(status.charCodeAt(0));
    this.end();
  }

  commandComplete(tag: string): void {
    this.begin("C");
    this.cstring(tag);
    this.end();
  }

  parameterStatus(name: string, value: string): void {
    this.begin("S");
    this.cstring(name);
    this.cstring(value);
    this.end();
  }

  backendKeyData(processId: number, secret: number): void {
    this.begin("K");
    this.int32(processId);
    this.int32(secret);
    this.end();
  }

  authenticationOk(): void {
    this.begin("R");
    this.int32(0);
    this.end();
  }

  parameterDescription(typeOids: readonly number[]): void {
    this.begin("t");
    this.int16(typeOids.length);
    for (const oid of typeOids) this.int32(oid | 0);
    this.end();
  }

  rowDescription(fields: readonly FieldDescription[]): void {
    this.begin("T");
    this.int16(fields.length);
    for (const f of fields) {
      this.cstring(f.name);
      this.int32(0); // table OID: not a column of a PostgreSQL table
      this.int16(0); // column number
      this.int32(f.typeOid | 0);
      this.int16(f.typeSize);
      this.int32(f.typeModifier);
      this.int16(f.format);
    }
    this.end();
  }

  /** One row; each value already encoded in its column's format, null for SQL NULL. */
  dataRow(values: readonly (Buffer | string | null)[]): void {
    this.begin("D");
    this.int16(values.length);
    for (const v of values) {
      if (v === null) {
        this.int32(-1);
      } else if (typeof v === "string") {
        const bytes = Buffer.byteLength(v);
        this.int32(bytes);
        this.ensure(bytes);
        this.buffer.write(v, this.length, "utf8");
        this.length += bytes;
      } else {
        this.int32(v.length);
        this.raw(v);
      }
    }
    this.end();
  }

  error(e: PgError): void {
    this.begin("E");
    this.field("S", e.severity);
    this.field("V", e.severity);
    this.field("C", e.code);
    this.field("M", e.message);
    if (e.detail !== undefined) this.field("D", e.detail);
    if (e.hint !== undefined) this.field("H", e.hint);
    if (e.position !== undefined) this.field("P", String(e.position));
    this.byte(0);
    this.end();
  }

  private field(code: string, value: string): void {
    this.byte(code.charCodeAt(0));
    this.cstring(value);
  }

  private empty(type: string): void {
    this.begin(type);
    this.end();
  }

  private begin(type: string): void {
    this.ensure(5);
    this.buffer[this.length] = type.charCodeAt(0);
    this.messageStart = this.length + 1;
    this.length += 5;
  }

  private end(): void {
    this.buffer.writeInt32BE(this.length - this.messageStart, this.messageStart);
  }

  private byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  private int16(value: number): void {
    this.ensure(2);
    this.buffer.writeInt16BE(value, this.length);
    this.length += 2;
  }

  private int32(value: number): void {
    this.ensure(4);
    this.buffer.writeInt32BE(value, this.length);
    this.length += 4;
  }

  private cstring(value: string): void {
    // A NUL inside a string would end it early on the client; PostgreSQL text never contains one.
    const text = value.includes("\0") ? value.replaceAll("\0", "") : value;
    const bytes = Buffer.byteLength(text);
    this.ensure(bytes + 1);
    this.buffer.write(text, this.length, "utf8");
    this.length += bytes;
    this.buffer[this.length++] = 0;
  }

  private raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
