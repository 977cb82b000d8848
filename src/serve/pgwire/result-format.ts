import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";
import { PgError, SQLSTATE } from "./errors.ts";
import type { FieldDescription } from "./protocol/backend.ts";
import type { FormatCode } from "./protocol/frontend.ts";
import type { ResultColumn } from "./query-run.ts";
import { binaryEncoder } from "./types/binary-format.ts";
import { PG, pgTypeOf } from "./types/pg-type.ts";
import { type TextSettings, textEncoder } from "./types/text-format.ts";

/** Encodes one non-null value of a result column in the format the client asked for. */
export type ValueEncoder = (value: NonNullable<DuckDBValue>) => string | Buffer;

/**
 * A RowDescription's fields for result columns in the requested formats: none given means all text,
 * one applies to every column, otherwise one per column. A binary request for a type without a
 * binary form fails here, before any row is sent.
 */
export function resultFields(
  columns: readonly ResultColumn[],
  formats: readonly FormatCode[],
): FieldDescription[] {
  const format = perColumn(columns.length, formats);
  for (const [i, c] of columns.entries()) if (format[i] === 1) binaryEncoder(c.type);
  return columns.map((c, i) => field(c.name, c.type, format[i]!));
}

export function resultEncoders(
  columns: readonly ResultColumn[],
  formats: readonly FormatCode[],
  settings: TextSettings,
): ValueEncoder[] {
  const format = perColumn(columns.length, formats);
  return columns.map((c, i) => (format[i] === 1 ? binaryEncoder(c.type) : textEncoder(c.type, settings)));
}

/** A field of a column whose type may be unknown before the statement runs (sent as text). */
export function field(name: string, type: DuckDBType | undefined, format: FormatCode): FieldDescription {
  const pg = type ? pgTypeOf(type) : PG.text;
  return { name, typeOid: pg.oid, typeSize: pg.size, typeModifier: pg.modifier, format };
}

function perColumn(count: number, formats: readonly FormatCode[]): FormatCode[] {
  if (formats.length > 1 && formats.length !== count)
    throw new PgError(
      SQLSTATE.protocolViolation,
      `bind message has ${formats.length} result formats but query has ${count} columns`,
    );
  return Array.from({ length: count }, (_, i) => (formats.length === 1 ? formats[0]! : (formats[i] ?? 0)));
}
