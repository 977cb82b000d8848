import * as fs from "node:fs";
import { splitRecords } from "../filesystem/text-records.ts";
import type { ProducerRecord } from "./topic-admin.ts";

export type LoadFormat = "csv" | "json";

export interface LoadOptions {
  readonly format: LoadFormat;
  /** CSV: the first record names the columns (and is not produced). */
  readonly header: boolean;
  /** The record key: a JSON field, or a CSV column by header name. */
  readonly keyField?: string;
}

const ENCODER = new TextEncoder();

/**
 * The records of a CSV or JSON file, to produce into a topic: a JSON file holds one value per line
 * (or one top-level array of them), a CSV file one record per row (quoted fields may span lines).
 * Each value is produced as its text; the key, when asked for, is the named field's text.
 */
export function recordsFromFile(path: string, options: LoadOptions): ProducerRecord[] {
  const text = fs.readFileSync(path, "utf8");
  return options.format === "json"
    ? jsonRecords(path, text, options.keyField)
    : csvRecords(path, text, options);
}

function jsonRecords(path: string, text: string, keyField: string | undefined): ProducerRecord[] {
  const trimmed = text.trimStart();
  const values: { text: string; line: number }[] = trimmed.startsWith("[")
    ? (parse(path, trimmed, 1) as unknown[]).map((v) => ({ text: JSON.stringify(v), line: 1 }))
    : splitRecords(text, undefined);
  return values.map(({ text: value, line }) => {
    let key: Uint8Array | null = null;
    if (keyField !== undefined) {
      const object = parse(path, value, line);
      const field =
        object !== null && typeof object === "object"
          ? (object as Record<string, unknown>)[keyField]
          : undefined;
      if (field === undefined)
        throw new Error(`${path}:${line}: the record has no field '${keyField}' for the key`);
      key = field === null ? null : ENCODER.encode(typeof field === "string" ? field : JSON.stringify(field));
    }
    return { key, value: ENCODER.encode(value) };
  });
}

function csvRecords(path: string, text: string, options: LoadOptions): ProducerRecord[] {
  const records = splitRecords(text, '"');
  const header = options.header ? records.shift() : undefined;
  let keyAt = -1;
  if (options.keyField !== undefined) {
    if (!header) throw new Error(`${path}: --key-field needs --header to name the CSV columns`);
    keyAt = csvFields(header.text).indexOf(options.keyField);
    if (keyAt < 0) throw new Error(`${path}:${header.line}: the header has no column '${options.keyField}'`);
  }
  return records.map(({ text: row, line }) => {
    let key: Uint8Array | null = null;
    if (keyAt >= 0) {
      const field = csvFields(row)[keyAt];
      if (field === undefined)
        throw new Error(`${path}:${line}: the row has no column ${keyAt + 1} for the key`);
      key = ENCODER.encode(field);
    }
    return { key, value: ENCODER.encode(row) };
  });
}

/** The fields of one CSV record (RFC 4180 quotes). */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function parse(path: string, text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}:${line}: not JSON: ${(error as Error).message}`);
  }
}
