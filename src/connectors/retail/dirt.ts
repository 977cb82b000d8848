/**
 * Realistic defects, injected as events leave the generator: blanked nullable values, rows that text
 * writers render unparseable, and producer-retry duplicates. Drawn from their own random stream, so
 * changing dirt rates never changes the clean data.
 */
import type { Malformation, MalformedKind, RetailEvent } from "./events.ts";
import type { RetailDirtOptions } from "./plan.ts";
import { Rng } from "./random.ts";
import type { RetailReport } from "./report.ts";
import { RETAIL_SCHEMAS, type RetailDataSetName } from "./schemas.ts";
import { STREAM } from "./streams.ts";

const BAD_NUMBERS = ["N/A", "#VALUE!", "twelve", "1O.5"];
const BAD_DATES = ["2024-02-30", "31/12/2023", "2023-13-01", "0000-00-00"];

interface ColumnGroups {
  readonly nullable: readonly number[];
  readonly numeric: readonly number[];
  readonly temporal: readonly number[];
  readonly width: number;
}

const GROUPS = new Map<RetailDataSetName, ColumnGroups>(
  RETAIL_SCHEMAS.map((s) => {
    const where = (test: (kind: string, nullable: boolean) => boolean) =>
      s.columns.flatMap((c, i) => (test(c.kind, c.nullable) ? [i] : []));
    return [
      s.name,
      {
        nullable: where((_, nullable) => nullable),
        numeric: where((kind) => kind === "int" || kind === "decimal"),
        temporal: where((kind) => kind === "date" || kind === "timestamp"),
        width: s.columns.length,
      },
    ];
  }),
);

/** An event under construction; dirt may blank a value or mark it malformed. */
export interface DraftEvent {
  dataSet: RetailDataSetName;
  row: RetailEvent["row"];
  eventTime: number;
  malformed: Malformation | null;
}

export class Dirt {
  private readonly rates: RetailDirtOptions;
  private readonly report: RetailReport;
  private readonly rng: Rng;

  constructor(seed: number, rates: RetailDirtOptions, report: RetailReport) {
    this.rates = rates;
    this.report = report;
    this.rng = Rng.of(seed, STREAM.dirt, 0);
  }

  /** Dirties the event in place, counts it, and says whether to emit a duplicate right after it. */
  apply(event: DraftEvent): boolean {
    const report = this.report;
    report.rows[event.dataSet]++;
    const groups = GROUPS.get(event.dataSet)!;
    if (this.rates.nullRate > 0 && this.rng.next() < this.rates.nullRate) this.blank(event, groups);
    if (this.rates.malformedRate > 0 && this.rng.next() < this.rates.malformedRate) {
      event.malformed = this.malformation(event, groups);
      report.malformed[event.dataSet][event.malformed.kind]++;
      return false;
    }
    if (this.rates.duplicateRate > 0 && this.rng.next() < this.rates.duplicateRate) {
      report.rows[event.dataSet]++;
      report.duplicates[event.dataSet]++;
      return true;
    }
    return false;
  }

  private blank(event: DraftEvent, groups: ColumnGroups): void {
    const filled = groups.nullable.filter((i) => event.row[i] !== null);
    if (filled.length === 0) return;
    event.row[this.rng.pick(filled)] = null;
    this.report.nulls[event.dataSet]++;
  }

  private malformation(event: DraftEvent, groups: ColumnGroups): Malformation {
    const numeric = groups.numeric.filter((i) => event.row[i] !== null);
    const temporal = groups.temporal.filter((i) => event.row[i] !== null);
    const kinds: MalformedKind[] = ["truncated"];
    if (numeric.length > 0) kinds.push("bad_number");
    if (temporal.length > 0) kinds.push("bad_date");
    const kind = this.rng.pick(kinds);
    if (kind === "bad_number")
      return { kind, column: this.rng.pick(numeric), text: this.rng.pick(BAD_NUMBERS) };
    if (kind === "bad_date") return { kind, column: this.rng.pick(temporal), text: this.rng.pick(BAD_DATES) };
    return { kind, column: 1 + this.rng.int(groups.width - 1), text: "" };
  }
}
