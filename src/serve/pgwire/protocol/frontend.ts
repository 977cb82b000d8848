import { PgError, SQLSTATE } from "../errors.ts";
import { MessageReader } from "./message-reader.ts";

/** Text (0) or binary (1), as a Bind message gives it per parameter and per result column. */
export type FormatCode = 0 | 1;

/** The frontend messages of the simple and extended query protocols, after startup. */
export type FrontendMessage =
  | { readonly kind: "query"; readonly sql: string }
  | {
      readonly kind: "parse";
      readonly statement: string;
      readonly sql: string;
      /** Parameter type OIDs the client fixed; 0 leaves a parameter's type to the server. */
      readonly parameterTypes: readonly number[];
    }
  | {
      readonly kind: "bind";
      readonly portal: string;
      readonly statement: string;
      readonly parameterFormats: readonly FormatCode[];
      readonly parameters: readonly (Buffer | null)[];
      readonly resultFormats: readonly FormatCode[];
    }
  | { readonly kind: "describe"; readonly target: "statement" | "portal"; readonly name: string }
  | { readonly kind: "execute"; readonly portal: string; readonly maxRows: number }
  | { readonly kind: "close"; readonly target: "statement" | "portal"; readonly name: string }
  | { readonly kind: "sync" }
  | { readonly kind: "flush" }
  | { readonly kind: "terminate" }
  /** Function calls and COPY sub-protocol messages: answered with an error. */
  | { readonly kind: "unsupported"; readonly type: string };

const NAMES: Readonly<Record<string, string>> = {
  Q: "Query",
  P: "Parse",
  B: "Bind",
  D: "Describe",
  E: "Execute",
  C: "Close",
};

/**
 * Decodes one message (type byte, length, body). Throws a protocol-violation PgError when the body
 * does not match its type's layout.
 */
export function decodeFrontend(data: Buffer): FrontendMessage {
  const type = String.fromCharCode(data[0]!);
  const r = new MessageReader(data, 5, NAMES[type] ?? type);
  switch (type) {
    case "Q":
      return { kind: "query", sql: r.cstring() };
    case "P": {
      const statement = r.cstring();
      const sql = r.cstring();
      const n = r.count(4);
      const parameterTypes = Array.from({ length: n }, () => r.int32() >>> 0);
      return { kind: "parse", statement, sql, parameterTypes };
    }
    case "B": {
      const portal = r.cstring();
      const statement = r.cstring();
      const parameterFormats = Array.from({ length: r.count(2) }, () => formatCode(r.int16()));
      const parameters = Array.from({ length: r.count(4) }, () => {
        const length = r.int32();
        return length === -1 ? null : r.bytes(length);
      });
      const resultFormats = Array.from({ length: r.count(2) }, () => formatCode(r.int16()));
      return { kind: "bind", portal, statement, parameterFormats, parameters, resultFormats };
    }
    case "D":
    case "C": {
      const which = String.fromCharCode(r.bytes(1)[0]!);
      const name = r.cstring();
      const target = which === "S" ? "statement" : which === "P" ? "portal" : undefined;
      if (!target) return { kind: "unsupported", type: `${NAMES[type]} of '${which}'` };
      return type === "D" ? { kind: "describe", target, name } : { kind: "close", target, name };
    }
    case "E": {
      const portal = r.cstring();
      return { kind: "execute", portal, maxRows: r.int32() };
    }
    case "S":
      return { kind: "sync" };
    case "H":
      return { kind: "flush" };
    case "X":
      return { kind: "terminate" };
    case "F":
      return { kind: "unsupported", type: "function call" };
    default:
      return { kind: "unsupported", type: `message type '${type}'` };
  }
}

function formatCode(code: number): FormatCode {
  if (code === 0 || code === 1) return code;
  throw new PgError(SQLSTATE.protocolViolation, `unsupported format code: ${code}`);
}
