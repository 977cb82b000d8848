/** Shared helpers for the retail generator tests: collecting a run, reading the seed's CSVs when present. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Row } from "../../../src/common/value.ts";
import {
  generateRetail,
  RETAIL_DATA_SET_NAMES,
  type RetailDataSetName,
  type RetailEvent,
  type RetailGeneration,
  type RetailOptions,
  retailSchema,
} from "../../../src/connectors/retail/index.ts";

export interface Collected {
  readonly generation: RetailGeneration;
  readonly events: RetailEvent[];
  readonly tables: ReadonlyMap<RetailDataSetName, Row[]>;
}

export function collect(options: RetailOptions): Collected {
  const generation = generateRetail(options);
  const events = [...generation];
  const tables = new Map<RetailDataSetName, Row[]>(RETAIL_DATA_SET_NAMES.map((n) => [n, []]));
  for (const e of events) tables.get(e.dataSet)!.push(e.row);
  return { generation, events, tables };
}

/** A column's values of a table, by column name. */
export function values(
  tables: Collected["tables"],
  dataSet: RetailDataSetName,
  column: string,
): Row[number][] {
  const index = retailSchema(dataSet).columns.findIndex((c) => c.name === column);
  if (index < 0) throw new Error(`${dataSet} has no column ${column}`);
  return tables.get(dataSet)!.map((r) => r[index]!);
}

/** The seed's mock data beside the repository, when this checkout has it. */
export const SEED_DIR = resolve(import.meta.dirname, "../../../../shared/reference/c360");
export const HAS_SEED = existsSync(SEED_DIR);

/** A seed CSV as header + records (the seed's files have no quoted fields). */
export function readSeedCsv(dataSet: RetailDataSetName): { header: string[]; records: string[][] } {
  const path = join(SEED_DIR, retailSchema(dataSet).domain, `${dataSet}.csv`);
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  return { header: header!.split(","), records: lines.map((l) => l.split(",")) };
}

/** Minimal RFC 4180 reader for our own output: quoted fields, doubled quotes, LF line ends. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}
