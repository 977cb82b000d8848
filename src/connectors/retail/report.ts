/** Counts of what the generator emitted, dirt kind by dirt kind, so tests and data-quality checks know what to expect. */
import { MALFORMED_KINDS, type MalformedKind } from "./events.ts";
import { RETAIL_DATA_SET_NAMES, type RetailDataSetName } from "./schemas.ts";

export type PerDataSet<T> = Record<RetailDataSetName, T>;

export interface RetailReport {
  /** Events emitted per data set, every dirty one included. */
  readonly rows: PerDataSet<number>;
  /** Extra, byte-identical copies of an event. */
  readonly duplicates: PerDataSet<number>;
  /** Later records for an existing key with changed fields (customers). */
  readonly lateUpdates: PerDataSet<number>;
  /** Rows where one nullable column was blanked by dirt (natural NULLs such as an online order's store_id not counted). */
  readonly nulls: PerDataSet<number>;
  /** Rows that text writers render unparseable, by kind. */
  readonly malformed: PerDataSet<Record<MalformedKind, number>>;
}

function perDataSet<T>(make: () => T): PerDataSet<T> {
  return Object.fromEntries(RETAIL_DATA_SET_NAMES.map((name) => [name, make()])) as PerDataSet<T>;
}

export function emptyReport(): RetailReport {
  return {
    rows: perDataSet(() => 0),
    duplicates: perDataSet(() => 0),
    lateUpdates: perDataSet(() => 0),
    nulls: perDataSet(() => 0),
    malformed: perDataSet(
      () => Object.fromEntries(MALFORMED_KINDS.map((k) => [k, 0])) as Record<MalformedKind, number>,
    ),
  };
}

/** Malformed rows of a data set, all kinds. */
export function malformedCount(report: RetailReport, dataSet: RetailDataSetName): number {
  const kinds = report.malformed[dataSet];
  return kinds.bad_number + kinds.bad_date + kinds.truncated;
}

/** How many ids of each kind a finished history used: continuous mode numbers on from here. */
export interface RetailCursor {
  readonly customers: number;
  readonly transactions: number;
  readonly items: number;
  readonly sessions: number;
  readonly tickets: number;
  readonly updates: number;
}
