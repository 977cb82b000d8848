import type { DataType } from "./data-type.ts";

export interface TypeEqualityOptions {
  /** Compare without the top-level and nested NOT NULL constraints. */
  readonly ignoreNullability?: boolean;
}

/**
 * The two option sets, shared: a `= {}` default or a literal at the call would allocate an object per
 * comparison, and the binder compares types for most expressions.
 */
const STRICT: TypeEqualityOptions = Object.freeze({});
export const IGNORE_NULLABILITY: TypeEqualityOptions = Object.freeze({ ignoreNullability: true });

/** Structural equality of two types (ROW field names and descriptions count, as in Flink's `equals`). */
export function typesEqual(a: DataType, b: DataType, options: TypeEqualityOptions = STRICT): boolean {
  if (a.kind !== b.kind) return false;
  if (!options.ignoreNullability && a.nullable !== b.nullable) return false;
  switch (a.kind) {
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
      return a.length === (b as typeof a).length;
    case "DECIMAL":
      return a.precision === (b as typeof a).precision && a.scale === (b as typeof a).scale;
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return a.precision === (b as typeof a).precision;
    case "INTERVAL_YM":
      return a.resolution === (b as typeof a).resolution && a.precision === (b as typeof a).precision;
    case "INTERVAL_DT": {
      const other = b as typeof a;
      return (
        a.resolution === other.resolution &&
        a.dayPrecision === other.dayPrecision &&
        a.fractionalPrecision === other.fractionalPrecision
      );
    }
    case "ARRAY":
    case "MULTISET":
      return typesEqual(a.element, (b as typeof a).element, options);
    case "MAP":
      return (
        typesEqual(a.key, (b as typeof a).key, options) && typesEqual(a.value, (b as typeof a).value, options)
      );
    case "ROW": {
      const other = b as typeof a;
      return (
        a.fields.length === other.fields.length &&
        a.fields.every((field, i) => {
          const o = other.fields[i]!;
          return (
            field.name === o.name &&
            field.description === o.description &&
            typesEqual(field.type, o.type, options)
          );
        })
      );
    }
    case "RAW":
      return a.className === (b as typeof a).className && a.snapshot === (b as typeof a).snapshot;
    default:
      return true;
  }
}
