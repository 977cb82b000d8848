// Flink's 'csv' format (docs/connectors/table/formats/csv.md): fields by position in schema order,
// one record per line; the serializer writes each row as one line ending in "\n". Files may hold many
// records and (readCsvDocument/writeCsvDocument) a header line.
import type { SqlValue } from "../../common/value.ts";
import { FieldError } from "../errors.ts";
import type {
  ChangeRow,
  DecodeResult,
  Deserializer,
  Format,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "../format.ts";
import { type CsvRecord, CsvSyntaxError, scanCsv } from "./csv-lexer.ts";
import { type CsvSettings, readCsvSettings } from "./csv-options.ts";
import { type CsvReader, type CsvWriter, compileCsvReader, compileCsvWriter } from "./csv-values.ts";

const UTF8 = new TextDecoder();
const ENCODER = new TextEncoder();

interface ColumnReader {
  readonly name: string;
  readonly text: boolean;
  readonly read: CsvReader;
}

function columnReaders(schema: FormatSchema, settings: CsvSettings): ColumnReader[] {
  return schema.columns.map((c) => ({
    name: c.name,
    text: c.type.kind === "CHAR" || c.type.kind === "VARCHAR",
    read: compileCsvReader(c.type, settings.arrayElementDelimiter, c.name),
  }));
}

/** One record's fields → a row; `order[i]` is the field index of column i (header mapping). */
function toRow(
  record: CsvRecord,
  columns: readonly ColumnReader[],
  settings: CsvSettings,
  order?: readonly number[],
): SqlValue[] {
  const expected = order === undefined ? columns.length : Math.max(...order) + 1;
  if (record.fields.length !== expected && !settings.ignoreParseErrors) {
    throw new CsvSyntaxError(`expected ${expected} fields, found ${record.fields.length}`, record.line, 0);
  }
  const row: SqlValue[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ColumnReader;
    const field = record.fields[order === undefined ? i : (order[i] as number)];
    if (
      field === undefined ||
      field.text === settings.nullLiteral ||
      (field.text === "" && !field.quoted && !column.text)
    ) {
      row[i] = null;
      continue;
    }
    try {
      row[i] = column.read(field.text);
    } catch (error) {
      // 'csv.ignore-parse-errors': the field becomes NULL.
      if (settings.ignoreParseErrors && error instanceof FieldError) row[i] = null;
      else if (error instanceof FieldError)
        throw new PositionedCsvError(error.message, record.line, column.name);
      else throw error;
    }
  }
  return row;
}

class PositionedCsvError extends FieldError {
  readonly line: number;
  constructor(message: string, line: number, column: string) {
    super(message, column);
    this.line = line;
  }
}

function csvError(error: unknown, lineBase: number): DecodeResult {
  if (error instanceof PositionedCsvError || error instanceof CsvSyntaxError) {
    const line = error.line + lineBase - 1;
    const where = error.field === undefined ? `line ${line}` : `line ${line}, column '${error.field}'`;
    return {
      kind: "error",
      message: `csv: ${where}: ${error.message}`,
      line,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.offset === undefined ? {} : { offset: error.offset }),
    };
  }
  return { kind: "error", message: `csv: ${error instanceof Error ? error.message : String(error)}` };
}

function decodeRecords(
  text: string,
  columns: readonly ColumnReader[],
  settings: CsvSettings,
  lineBase: number,
  order?: readonly number[],
): DecodeResult {
  const rows: ChangeRow[] = [];
  try {
    for (const record of scanCsv(text, settings)) {
      try {
        rows.push({ kind: "+I", row: toRow(record, columns, settings, order) });
      } catch (error) {
        if (!settings.ignoreParseErrors) throw error;
      }
    }
  } catch (error) {
    if (settings.ignoreParseErrors) return { kind: "rows", rows };
    return csvError(error, lineBase);
  }
  return { kind: "rows", rows };
}

function compileLineWriter(
  schema: FormatSchema,
  settings: CsvSettings,
): (row: readonly SqlValue[]) => string {
  const writers: CsvWriter[] = schema.columns.map((c) =>
    compileCsvWriter(c.type, settings.arrayElementDelimiter, c.name),
  );
  const nullText = settings.nullLiteral ?? "";
  return (row) => {
    let out = "";
    for (let i = 0; i < writers.length; i++) {
      const value = row[i] ?? null;
      out +=
        (i === 0 ? "" : settings.delimiter) +
        (value === null ? nullText : quoteField((writers[i] as CsvWriter)(value), settings));
    }
    return `${out}\n`;
  };
}

/** Encloses a field in quotes when it holds a delimiter, quote, escape or line break (RFC 4180). */
export function quoteField(text: string, settings: CsvSettings): string {
  const { delimiter, quote, escape: escapeChar } = settings;
  let needs = false;
  for (let i = 0; i < text.length && !needs; i++) {
    const c = text[i];
    needs = c === delimiter || c === quote || c === escapeChar || c === "\n" || c === "\r";
  }
  if (!needs) return text;
  if (quote === undefined) {
    if (escapeChar === undefined) return text;
    let out = "";
    for (const c of text)
      out += c === delimiter || c === escapeChar || c === "\n" || c === "\r" ? escapeChar + c : c;
    return out;
  }
  let out = quote;
  for (const c of text) out += c === quote ? quote + quote : c === escapeChar ? escapeChar + c : c;
  return out + quote;
}

export const csvFormat: Format = {
  name: "csv",
  createDeserializer(schema: FormatSchema, options: FormatOptions): Deserializer {
    const settings = readCsvSettings(options);
    const columns = columnReaders(schema, settings);
    return (bytes, meta) =>
      bytes === null
        ? { kind: "rows", rows: [] }
        : decodeRecords(UTF8.decode(bytes), columns, settings, meta?.line ?? 1);
  },
  createSerializer(schema: FormatSchema, options: FormatOptions): Serializer {
    const writeLine = compileLineWriter(schema, readCsvSettings(options));
    return (_kind, row) => ENCODER.encode(writeLine(row));
  },
};

/**
 * Reads a whole CSV file. With `header`, the first record names the columns: they are matched to the
 * schema by name (case-insensitively when no exact match), in any order; a schema column the header
 * lacks is an error.
 */
export function readCsvDocument(
  text: string,
  schema: FormatSchema,
  options: FormatOptions,
  header: boolean,
): DecodeResult {
  const settings = readCsvSettings(options);
  const columns = columnReaders(schema, settings);
  if (!header) return decodeRecords(text, columns, settings, 1);
  let headerRecord: CsvRecord | undefined;
  try {
    headerRecord = scanCsv(text, settings).next().value ?? undefined;
  } catch (error) {
    return csvError(error, 1);
  }
  if (headerRecord === undefined) return { kind: "rows", rows: [] };
  const names = headerRecord.fields.map((f) => f.text.trim());
  const order: number[] = [];
  for (const column of columns) {
    let at = names.indexOf(column.name);
    if (at < 0) at = names.findIndex((n) => n.toLowerCase() === column.name.toLowerCase());
    if (at < 0) {
      return {
        kind: "error",
        message: `csv: line ${headerRecord.line}: the header has no column '${column.name}'`,
        line: headerRecord.line,
        field: column.name,
      };
    }
    order.push(at);
  }
  return decodeRecords(text.slice(headerRecord.end), columns, settings, headerRecord.nextLine, order);
}

/** Writes rows as a CSV file, with a header line of the column names when asked. */
export function writeCsvDocument(
  rows: Iterable<readonly SqlValue[]>,
  schema: FormatSchema,
  options: FormatOptions,
  header: boolean,
): string {
  const settings = readCsvSettings(options);
  const writeLine = compileLineWriter(schema, settings);
  let out = header
    ? `${schema.columns.map((c) => quoteField(c.name, settings)).join(settings.delimiter)}\n`
    : "";
  for (const row of rows) out += writeLine(row);
  return out;
}
