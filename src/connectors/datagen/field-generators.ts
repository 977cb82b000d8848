import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { SeededRandom } from "../nexmark/random.ts";

/** One column's values: random, or a sequence by row position. */
export type FieldGenerator = (random: SeededRandom, row: number) => SqlValue;

/** A column's `fields.<name>.*` options (see datagen-options.ts). */
export interface FieldSpec {
  readonly kind: "random" | "sequence";
  readonly min?: number;
  readonly max?: number;
  readonly maxPastMs?: number;
  readonly length?: number;
  readonly varLen: boolean;
  readonly start?: number;
  readonly end?: number;
  readonly nullRate: number;
  /** Specs of a ROW column's fields, by name. */
  readonly nested: ReadonlyMap<string, FieldSpec>;
}

export const DEFAULT_SPEC: FieldSpec = { kind: "random", varLen: false, nullRate: 0, nested: new Map() };

const INTEGER_RANGE: Partial<Record<DataType["kind"], readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const HEX = "0123456789abcdef";
const MS_PER_DAY = 86_400_000;

/** The values of a sequence column: `start + row`, as text for strings. */
function sequenceGenerator(type: DataType, spec: FieldSpec): FieldGenerator {
  const start = spec.start!;
  const isText = type.kind === "CHAR" || type.kind === "VARCHAR";
  if (type.kind === "DECIMAL") {
    const scale = 10n ** BigInt(type.scale);
    return (_r, row) => BigInt(start + row) * scale;
  }
  return isText ? (_r, row) => String(start + row) : (_r, row) => start + row;
}

/**
 * Random values as Flink's datagen draws them: integers uniform in [min, max] (the type's range by
 * default), floating point uniform in [min, max], strings of `length` hex characters (`var-len`: 1 to
 * `length`), timestamps up to `max-past` before now, collections of `length` elements (3 by default).
 */
function randomGenerator(type: DataType, spec: FieldSpec, now: () => number): FieldGenerator {
  const integer = INTEGER_RANGE[type.kind];
  if (integer) {
    const min = spec.min ?? integer[0];
    const max = spec.max ?? integer[1];
    return (random) => min + random.below(max - min + 1);
  }
  switch (type.kind) {
    case "BOOLEAN":
      return (random) => (random.nextUint32() & 1) === 1;
    case "FLOAT":
    case "DOUBLE": {
      const min = spec.min ?? (type.kind === "FLOAT" ? 1.4e-45 : Number.MIN_VALUE);
      const max = spec.max ?? (type.kind === "FLOAT" ? 3.4028234663852886e38 : Number.MAX_VALUE);
      const round = type.kind === "FLOAT" ? Math.fround : (x: number) => x;
      return (random) => round(min + random.nextDouble() * (max - min));
    }
    case "DECIMAL": {
      const limit = 10 ** (type.precision - type.scale) - 10 ** -type.scale;
      const min = spec.min ?? -limit;
      const max = spec.max ?? limit;
      const scale = 10 ** type.scale;
      return (random) => BigInt(Math.round((min + random.nextDouble() * (max - min)) * scale));
    }
    case "CHAR":
    case "VARCHAR": {
      const length = Math.min(spec.length ?? 100, type.length);
      // Characters go into a byte buffer and become one flat string: appending them one at a time
      // would leave a rope of `length` nodes per value (kilobytes each) in whatever state holds it.
      const chars = Buffer.allocUnsafe(length);
      return (random) => {
        const n = spec.varLen ? 1 + random.below(length) : length;
        for (let i = 0; i < n; i++) chars[i] = HEX.charCodeAt(random.below(16));
        return chars.toString("latin1", 0, n);
      };
    }
    case "BINARY":
    case "VARBINARY": {
      const length = Math.min(spec.length ?? 100, type.length);
      return (random) => {
        const n = spec.varLen ? 1 + random.below(length) : length;
        const bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) bytes[i] = random.below(256);
        return bytes;
      };
    }
    case "DATE": {
      const pastDays = Math.floor((spec.maxPastMs ?? 0) / MS_PER_DAY);
      return (random) => Math.floor(now() / MS_PER_DAY) - random.below(pastDays + 1);
    }
    case "TIME":
      return (random) => random.below(MS_PER_DAY);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      const past = spec.maxPastMs ?? 0;
      return (random) => now() - random.below(past + 1);
    }
    case "ARRAY": {
      const element = fieldGenerator(type.element, DEFAULT_SPEC, now);
      const length = spec.length ?? 3;
      return (random, row) => Array.from({ length }, () => element(random, row));
    }
    case "MULTISET": {
      const element = fieldGenerator(type.element, DEFAULT_SPEC, now);
      const length = spec.length ?? 3;
      return (random, row) => {
        const counts = new Map<SqlValue, SqlValue>();
        for (let i = 0; i < length; i++) {
          const v = element(random, row);
          counts.set(v, ((counts.get(v) as number | undefined) ?? 0) + 1);
        }
        return counts;
      };
    }
    case "MAP": {
      const key = fieldGenerator(type.key, DEFAULT_SPEC, now);
      const value = fieldGenerator(type.value, DEFAULT_SPEC, now);
      const length = spec.length ?? 3;
      return (random, row) => {
        const map = new Map<SqlValue, SqlValue>();
        for (let i = 0; i < length; i++) map.set(key(random, row), value(random, row));
        return map;
      };
    }
    case "ROW": {
      const fields = type.fields.map((f) =>
        fieldGenerator(f.type, spec.nested.get(f.name) ?? DEFAULT_SPEC, now),
      );
      return (random, row) => fields.map((f) => f(random, row));
    }
    default:
      throw new Error(`datagen cannot generate values of type ${type.kind}`);
  }
}

export function fieldGenerator(type: DataType, spec: FieldSpec, now: () => number): FieldGenerator {
  const values = spec.kind === "sequence" ? sequenceGenerator(type, spec) : randomGenerator(type, spec, now);
  if (spec.nullRate <= 0) return values;
  return (random, row) => (random.nextDouble() < spec.nullRate ? null : values(random, row));
}

/** Whether datagen can make values of this type (as Flink's datagen: no RAW, INTERVAL or TIMESTAMP_TZ). */
export function isGeneratable(type: DataType): boolean {
  switch (type.kind) {
    case "RAW":
    case "NULL":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
    case "TIMESTAMP_TZ":
      return false;
    case "ARRAY":
    case "MULTISET":
      return isGeneratable(type.element);
    case "MAP":
      return isGeneratable(type.key) && isGeneratable(type.value);
    case "ROW":
      return type.fields.every((f) => isGeneratable(f.type));
    default:
      return true;
  }
}
