import { once } from "node:events";
import { connect, type Socket } from "node:net";

/** A backend message as the test reads it: its type and body. */
export interface Reply {
  readonly type: string;
  readonly body: Buffer;
}

/**
 * A bare PostgreSQL frontend for protocol-level tests: it writes messages byte by byte as the protocol
 * documentation lays them out, and reads replies without interpreting more than their framing.
 */
export class RawClient {
  private readonly socket: Socket;
  private pending = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private waiter: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (d: Buffer) => {
      this.pending = Buffer.concat([this.pending, d]);
      while (this.pending.length >= 5) {
        const length = this.pending.readInt32BE(1);
        if (this.pending.length < 1 + length) break;
        this.replies.push({
          type: String.fromCharCode(this.pending[0]!),
          body: this.pending.subarray(5, 1 + length),
        });
        this.pending = this.pending.subarray(1 + length);
      }
      this.waiter?.();
    });
  }

  /** Connects and completes startup (no password), returning the startup replies up to ReadyForQuery. */
  static async open(port: number): Promise<{ client: RawClient; startup: Reply[] }> {
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    const client = new RawClient(socket);
    const params = Buffer.from("user\0tester\0database\0x\0\0");
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    socket.write(Buffer.concat([startup, params]));
    return { client, startup: await client.until("Z") };
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  /** Replies up to and including the first of type `type`. */
  async until(type: string, timeoutMs = 5000): Promise<Reply[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.replies.findIndex((r) => r.type === type);
      if (i >= 0) return this.replies.splice(0, i + 1);
      if (Date.now() > deadline)
        throw new Error(`no '${type}' reply; got ${this.replies.map((r) => r.type).join("")}`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const cstr = (s: string): Buffer => Buffer.from(`${s}\0`);
const i16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), i32(body.length + 4), body]);
};

export const frontend = {
  query: (sql: string) => message("Q", cstr(sql)),
  parse: (name: string, sql: string, types: number[] = []) =>
    message("P", cstr(name), cstr(sql), i16(types.length), ...types.map(i32)),
  bind: (
    portal: string,
    statement: string,
    params: (Buffer | null)[],
    paramFormats: number[] = [],
    resultFormats: number[] = [],
  ) =>
    message(
      "B",
      cstr(portal),
      cstr(statement),
      i16(paramFormats.length),
      ...paramFormats.map(i16),
      i16(params.length),
      ...params.flatMap((p) => (p === null ? [i32(-1)] : [i32(p.length), p])),
      i16(resultFormats.length),
      ...resultFormats.map(i16),
    ),
  describe: (target: "S" | "P", name: string) => message("D", Buffer.from(target), cstr(name)),
  execute: (portal: string, maxRows = 0) => message("E", cstr(portal), i32(maxRows)),
  close: (target: "S" | "P", name: string) => message("C", Buffer.from(target), cstr(name)),
  sync: () => message("S"),
  flush: () => message("H"),
  terminate: () => message("X"),
};

/** The fields of a DataRow: each value's bytes, or null. */
export function dataRow(body: Buffer): (Buffer | null)[] {
  const n = body.readInt16BE(0);
  const values: (Buffer | null)[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const length = body.readInt32BE(at);
    at += 4;
    values.push(length < 0 ? null : body.subarray(at, at + length));
    if (length > 0) at += length;
  }
  return values;
}

/** An ErrorResponse's fields by code: S severity, C SQLSTATE, M message, P position. */
export function errorFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  let at = 0;
  while (body[at] !== 0) {
    const code = String.fromCharCode(body[at]!);
    const end = body.indexOf(0, at + 1);
    fields[code] = body.toString("utf8", at + 1, end);
    at = end + 1;
  }
  return fields;
}

/** A RowDescription's columns: name, type OID, type modifier and format. */
export function rowDescription(
  body: Buffer,
): { name: string; oid: number; modifier: number; format: number }[] {
  const n = body.readInt16BE(0);
  const out: { name: string; oid: number; modifier: number; format: number }[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const end = body.indexOf(0, at);
    const name = body.toString("utf8", at, end);
    at = end + 1;
    out.push({
      name,
      oid: body.readInt32BE(at + 6),
      modifier: body.readInt32BE(at + 12),
      format: body.readInt16BE(at + 16),
    });
    at += 18;
  }
  return out;
}
