import type { DataType } from "../../sql/types/data-type.ts";
import { FieldError } from "../errors.ts";
import { keepLossyNumbers } from "./json-number.ts";

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const POSITION = /at position (\d+)/;

/**
 * Parses JSON bytes with V8's parser; a syntax error becomes a FieldError carrying the character
 * offset V8 reports. `exactNumbers` keeps the text of numbers a double cannot hold (for DECIMALs).
 */
export function parseJson(bytes: Uint8Array, exactNumbers: boolean): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new FieldError("the record is not valid UTF-8");
  }
  try {
    return exactNumbers
      ? JSON.parse(text, keepLossyNumbers as (k: string, v: unknown) => unknown)
      : JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = POSITION.exec(message);
    throw new FieldError(
      `malformed JSON: ${message.replace(/ in JSON at position.*$/, "").replace(/^Unexpected end of JSON input$/, "the text ends early")}`,
      undefined,
      at === null ? text.length : Number(at[1]),
    );
  }
}

/** Do any of these types need exact number text? DECIMALs wider than a double's 15 safe digits do. */
export function needsExactNumbers(types: readonly DataType[]): boolean {
  return types.some(wantsExact);
}

function wantsExact(type: DataType): boolean {
  switch (type.kind) {
    case "DECIMAL":
      return type.precision > 15;
    case "ARRAY":
    case "MULTISET":
      return wantsExact(type.element);
    case "MAP":
      return wantsExact(type.key) || wantsExact(type.value);
    case "ROW":
      return type.fields.some((f) => wantsExact(f.type));
    default:
      return false;
  }
}
