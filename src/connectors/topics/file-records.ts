import * as fs from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { splitRecords } from "../filesystem/text-records.ts";
import type { ProducerRecord } from "./topic-admin.ts";

export type LoadFormat = "csv" | "json" | "parquet";

export const LOAD_FORMATS: readonly LoadFormat[] = ["csv", "json", "parquet"];

export interface LoadOptions {
  readonly format: LoadFormat;
  /** CSV: the first record names the columns (and is not produced). */
  readonly header: boolean;
  /** The record key: a JSON field, a CSV column by header name, or a Parquet column. */
  readonly keyField?: string;
}

const ENCODER = new TextEncoder();

/**
 * The records of a CSV, JSON or Parquet file, to produce into a topic: a JSON file holds one value per
 * line (or one top-level array of them), a CSV file one record per row (quoted fields may span
 * lines), each produced as its text; a Parquet file's rows are produced as JSON objects (DuckDB's
 * JSON of each row). The key, when asked for, is the named field's text.
 */
export async function recordsFromFile(path: string, options: LoadOptions): Promise<ProducerRecord[]> {
  if (options.format === "parquet") return parquetRecords(path, options.keyField);
  const text = fs.readFileSync(path, "utf8");
  return options.format === "json"
    ? jsonRecords(path, text, options.keyField)
    : csvRecords(path, text, options);
}

const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function parquetRecords(path: string, keyField: string | undefined): Promise<ProducerRecord[]> {
  if (!fs.existsSync(path)) throw new Error(`${path}: no such file`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const file = `read_parquet(${quoteLiteral(path)})`;
    if (keyField !== undefined) {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${file}`);
      const names = described.getRows().map((r) => String(r[0]));
      if (!names.includes(keyField))
        throw new Error(
          `${path}: the file has no column '${keyField}' for the key (columns: ${names.join(", ")})`,
        );
    }
    const key = keyField === undefined ? "NULL" : `CAST(t.${quoteIdent(keyField)} AS VARCHAR)`;
    const reader = await connection.runAndReadAll(
      `SELECT CAST(to_json(t) AS VARCHAR), ${key} FROM ${file} AS t`,
    );
    return reader.getRows().map(([value, k]) => ({
      key: k === null || k === undefined ? null : ENCODER.encode(String(k)),
      value: ENCODER.encode(String(value)),
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith(path) ? message : `${path}: not a readable Parquet file: ${message}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
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
