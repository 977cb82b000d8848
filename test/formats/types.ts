// Compact DataType builders for format tests.

import type { FormatSchema } from "../../src/formats/index.ts";
import type { DataType, RowField } from "../../src/sql/types/data-type.ts";
import { MAX_LENGTH } from "../../src/sql/types/data-type.ts";

export const t = {
  boolean: (nullable = true): DataType => ({ kind: "BOOLEAN", nullable }),
  tinyint: (nullable = true): DataType => ({ kind: "TINYINT", nullable }),
  smallint: (nullable = true): DataType => ({ kind: "SMALLINT", nullable }),
  int: (nullable = true): DataType => ({ kind: "INT", nullable }),
  bigint: (nullable = true): DataType => ({ kind: "BIGINT", nullable }),
  float: (nullable = true): DataType => ({ kind: "FLOAT", nullable }),
  double: (nullable = true): DataType => ({ kind: "DOUBLE", nullable }),
  string: (nullable = true): DataType => ({ kind: "VARCHAR", length: MAX_LENGTH, nullable }),
  bytes: (nullable = true): DataType => ({ kind: "VARBINARY", length: MAX_LENGTH, nullable }),
  decimal: (precision: number, scale: number, nullable = true): DataType => ({
    kind: "DECIMAL",
    precision,
    scale,
    nullable,
  }),
  date: (nullable = true): DataType => ({ kind: "DATE", nullable }),
  time: (nullable = true): DataType => ({ kind: "TIME", precision: 0, nullable }),
  timestamp: (precision = 3, nullable = true): DataType => ({ kind: "TIMESTAMP", precision, nullable }),
  timestampLtz: (precision = 3, nullable = true): DataType => ({
    kind: "TIMESTAMP_LTZ",
    precision,
    nullable,
  }),
  array: (element: DataType, nullable = true): DataType => ({ kind: "ARRAY", element, nullable }),
  map: (key: DataType, value: DataType, nullable = true): DataType => ({ kind: "MAP", key, value, nullable }),
  multiset: (element: DataType, nullable = true): DataType => ({ kind: "MULTISET", element, nullable }),
  row: (fields: Record<string, DataType>, nullable = true): DataType => ({
    kind: "ROW",
    fields: Object.entries(fields).map(([name, type]): RowField => ({ name, type })),
    nullable,
  }),
};

export function schema(columns: Record<string, DataType>): FormatSchema {
  return { columns: Object.entries(columns).map(([name, type]) => ({ name, type })) };
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (data: Uint8Array | null): string => new TextDecoder().decode(data ?? new Uint8Array());

/** 2024-02-29 12:34:56.789 UTC */
export const TS = Date.UTC(2024, 1, 29, 12, 34, 56, 789);
export const DAY = Math.floor(TS / 86_400_000);
