import type { DecodeResult } from "./format.ts";

/**
 * Bad input found inside a converter. Converters throw it so that the hot path has no result objects
 * to allocate; each deserializer catches it at its boundary and returns it as a `DecodeResult` error.
 */
export class FieldError extends Error {
  readonly field: string | undefined;
  readonly offset: number | undefined;
  constructor(message: string, field?: string, offset?: number) {
    super(message);
    this.name = "FieldError";
    this.field = field;
    this.offset = offset;
  }
}

/** A table schema or option set the format cannot work with; thrown when the (de)serializer is created. */
export class FormatConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatConfigError";
  }
}

/** Turns whatever a converter threw into an error result; unexpected exceptions keep their message. */
export function errorResult(error: unknown, prefix = ""): DecodeResult {
  if (error instanceof FieldError) {
    const where = error.field === undefined ? "" : `field '${error.field}': `;
    return {
      kind: "error",
      message: `${prefix}${where}${error.message}`,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.offset === undefined ? {} : { offset: error.offset }),
    };
  }
  return { kind: "error", message: `${prefix}${error instanceof Error ? error.message : String(error)}` };
}

/** `a.b` / `a[2]` paths for nested fields. */
export function childPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

/** Short preview of offending input for messages. */
export function preview(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
