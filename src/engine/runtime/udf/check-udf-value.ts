import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";

/** A user function failed, or returned something its declared type does not allow. */
export class UdfError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "UdfError";
  }
}

/** Wraps what a user function threw so the statement's error names the function and the method. */
export function udfFailure(name: string, method: string, error: unknown): UdfError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UdfError(`user function ${name} failed in ${method}(): ${reason}`, error);
}

/**
 * A check of values a user function returns against its declared type, so a wrong value stops the
 * statement at the function instead of corrupting rows downstream. Checks the value's JS shape (and a
 * ROW's arity), not nested elements.
 */
export function udfValueCheck(name: string, type: DataType): (value: SqlValue) => SqlValue {
  const fits = shapeTest(type);
  const expected = formatDataType(type);
  return (value) => {
    if (value === undefined)
      throw new UdfError(`user function ${name} returned undefined; return null for NULL`);
    if (value === null) {
      if (!type.nullable) throw new UdfError(`user function ${name} returned null for ${expected}`);
      return value;
    }
    if (!fits(value))
      throw new UdfError(
        `user function ${name} returned ${describe(value)}, which is not a ${expected} value (${representation(type)})`,
      );
    return value;
  };
}

function shapeTest(type: DataType): (value: SqlValue) => boolean {
  switch (type.kind) {
    case "BOOLEAN":
      return (v) => typeof v === "boolean";
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "DATE":
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return (v) => Number.isSafeInteger(v);
    case "FLOAT":
    case "DOUBLE":
      return (v) => typeof v === "number";
    case "DECIMAL":
      return (v) => typeof v === "bigint";
    case "CHAR":
    case "VARCHAR":
      return (v) => typeof v === "string";
    case "BINARY":
    case "VARBINARY":
      return (v) => v instanceof Uint8Array;
    case "ARRAY":
      return (v) => Array.isArray(v);
    case "ROW":
      return (v) => Array.isArray(v) && v.length === type.fields.length;
    case "MAP":
    case "MULTISET":
      return (v) => v instanceof Map;
    default:
      return () => true;
  }
}

function representation(type: DataType): string {
  switch (type.kind) {
    case "DECIMAL":
      return "a bigint of the unscaled value";
    case "DATE":
      return "days since 1970-01-01";
    case "TIME":
      return "milliseconds since midnight";
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return "epoch milliseconds";
    case "ROW":
      return `an array of ${type.fields.length} values`;
    case "MAP":
    case "MULTISET":
      return "a Map";
    case "ARRAY":
      return "an array";
    case "BINARY":
    case "VARBINARY":
      return "a Uint8Array";
    case "CHAR":
    case "VARCHAR":
      return "a string";
    case "BOOLEAN":
      return "a boolean";
    default:
      return "a number";
  }
}

function describe(value: SqlValue): string {
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "bigint") return `the bigint ${value}n`;
  if (Array.isArray(value)) return `an array of ${value.length} values`;
  if (value instanceof Map) return "a Map";
  if (value instanceof Uint8Array) return "a Uint8Array";
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${String(value)}`;
}
