/** What the generator emits: one row of one data set at one event time. */
import type { Row } from "../../common/value.ts";
import type { RetailDataSetName } from "./schemas.ts";

export type MalformedKind = "bad_number" | "bad_date" | "truncated";

export const MALFORMED_KINDS: readonly MalformedKind[] = ["bad_number", "bad_date", "truncated"];

/**
 * How a text writer must corrupt the row. Decided by the generator, not the writer, so CSV and JSON
 * output carry the same defects and the report can count them up front.
 */
export interface Malformation {
  readonly kind: MalformedKind;
  /** The column whose value becomes `text`; for `truncated`, how many leading columns survive. */
  readonly column: number;
  readonly text: string;
}

export interface RetailEvent {
  readonly dataSet: RetailDataSetName;
  /** Values in schema order, per common/value.ts. Malformed rows still carry their intended values. */
  readonly row: Row;
  /** Epoch millis; non-decreasing along a stream. */
  readonly eventTime: number;
  readonly malformed: Malformation | null;
}
