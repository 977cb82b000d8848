import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Row, SqlValue } from "../../common/value.ts";
import type { NexmarkGenerator } from "./generator.ts";
import { AUCTION, BID, PERSON } from "./layout.ts";
import { AUCTION_FIELDS, BID_FIELDS, type NexmarkField, PERSON_FIELDS } from "./schema.ts";

/**
 * Writes generated events to files so other systems (DuckDB, Flink) can load exactly the rows our
 * engine reads. Timestamps are written as `yyyy-MM-dd HH:mm:ss.SSS` (UTC), which Flink's JSON and CSV
 * formats and DuckDB all read as TIMESTAMP(3).
 */

export interface EventRange {
  /** First stream index; default 0. */
  readonly from?: number;
  readonly count: number;
}

/** Events are generated and written this many at a time, so memory stays flat for any count. */
const BATCH = 10_000;

/**
 * One JSON object per line with the table's physical columns (`event_type`, `person`, `auction`,
 * `bid`; the computed `dateTime` is left out), as the Nexmark Kafka DDL's `'format' = 'json'` expects.
 * Returns the number of events written.
 */
export function writeNexmarkJsonLines(generator: NexmarkGenerator, path: string, range: EventRange): number {
  const file = openSync(path, "w");
  let written = 0;
  try {
    forEachBatch(generator, range, (rows) => {
      writeSync(file, rows.map((row) => `${eventToJson(row)}\n`).join(""));
      written += rows.length;
    });
  } finally {
    closeSync(file);
  }
  return written;
}

export interface CsvFiles {
  readonly person: string;
  readonly auction: string;
  readonly bid: string;
  /** Rows written per file. */
  readonly counts: { readonly person: number; readonly auction: number; readonly bid: number };
}

/**
 * `person.csv`, `auction.csv` and `bid.csv` in `directory`, with the views' flat columns (see
 * schema.ts). `header` (default true) writes the column names first; turn it off for Flink's csv
 * format, which has no option to skip one.
 */
export function writeNexmarkCsv(
  generator: NexmarkGenerator,
  directory: string,
  range: EventRange,
  header = true,
): CsvFiles {
  mkdirSync(directory, { recursive: true });
  const paths = {
    person: join(directory, "person.csv"),
    auction: join(directory, "auction.csv"),
    bid: join(directory, "bid.csv"),
  };
  const files = [
    openSync(paths.person, "w"),
    openSync(paths.auction, "w"),
    openSync(paths.bid, "w"),
  ] as const;
  const counts = { person: 0, auction: 0, bid: 0 };
  try {
    if (header) {
      [PERSON_FIELDS, AUCTION_FIELDS, BID_FIELDS].forEach((fields, i) => {
        writeSync(files[i]!, `${fields.map((f) => f.name).join(",")}\n`);
      });
    }
    forEachBatch(generator, range, (rows) => {
      const lines: [string[], string[], string[]] = [[], [], []];
      for (const row of rows) {
        const type = row[0] as number;
        lines[type]!.push(`${entityToCsv(row[type + 1] as SqlValue[], ENTITY_FIELDS[type]!)}\n`);
      }
      lines.forEach((entityLines, type) => {
        if (entityLines.length > 0) writeSync(files[type]!, entityLines.join(""));
      });
      counts.person += lines[PERSON].length;
      counts.auction += lines[AUCTION].length;
      counts.bid += lines[BID].length;
    });
  } finally {
    for (const file of files) closeSync(file);
  }
  return { ...paths, counts };
}

/** One event as the JSON object a Flink `'format' = 'json'` nexmark table reads. */
export function eventToJson(row: Row): string {
  const type = row[0] as number;
  const entity = (which: number): string =>
    which === type ? entityToJson(row[which + 1] as SqlValue[], ENTITY_FIELDS[which]!) : "null";
  return `{"event_type":${type},"person":${entity(PERSON)},"auction":${entity(AUCTION)},"bid":${entity(BID)}}`;
}

/** Formats epoch milliseconds as `yyyy-MM-dd HH:mm:ss.SSS` in UTC. */
export function formatTimestamp(millis: number): string {
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

const ENTITY_FIELDS: readonly (readonly NexmarkField[])[] = [PERSON_FIELDS, AUCTION_FIELDS, BID_FIELDS];

function entityToJson(values: readonly SqlValue[], fields: readonly NexmarkField[]): string {
  const parts = fields.map((field, i) => {
    const value = values[i];
    const text =
      field.type === "TIMESTAMP(3)"
        ? JSON.stringify(formatTimestamp(value as number))
        : JSON.stringify(value);
    return `"${field.name}":${text}`;
  });
  return `{${parts.join(",")}}`;
}

function entityToCsv(values: readonly SqlValue[], fields: readonly NexmarkField[]): string {
  return fields
    .map((field, i) => {
      const value = values[i];
      if (field.type === "TIMESTAMP(3)") return formatTimestamp(value as number);
      return typeof value === "string" ? csvText(value) : String(value);
    })
    .join(",");
}

/** RFC 4180: quote a field holding a separator, quote or line break; double inner quotes. */
function csvText(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function forEachBatch(generator: NexmarkGenerator, range: EventRange, write: (rows: Row[]) => void): void {
  const from = range.from ?? 0;
  const end = Math.min(from + range.count, generator.eventCount);
  for (let start = from; start < end; start += BATCH)
    write(generator.generate(start, Math.min(BATCH, end - start)));
}
