import type { Row } from "../../common/value.ts";
import { FormatConfigError, readCsvDocument } from "../../formats/index.ts";
import { t } from "../../sql/types/index.ts";
import { type FixtureError, fixtureError } from "./fixture-error.ts";
import {
  badRowKindMessage,
  type FixtureColumn,
  type FixtureRow,
  type FixtureRows,
  type FixtureUse,
  notNullMessage,
  OP_COLUMN,
  parseRowKind,
  unknownColumnMessage,
} from "./fixture-rows.ts";

/** Flink CSV options of fixture files, read and written alike. */
export const CSV_FIXTURE_OPTIONS = { "csv.null-literal": "NULL" } as const;

interface LineField {
  readonly text: string;
  /** 1-based column of the field's first character. */
  readonly col: number;
}

/**
 * A CSV fixture: a header line naming table columns (any subset, any order, plus `op` for a
 * changelog), then one row per line, values in Flink's CSV text (`2024-01-01 10:00:00`, `12.50`,
 * array elements joined by `;`) and `NULL` for NULL.
 */
export function readCsvRows(text: string, file: string, use: FixtureUse): FixtureRows | FixtureError {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) return fixtureError(file, 1, 1, "empty file: the first line must name the columns");
  const header = splitLine(lines[headerIndex]!);
  const headerLine = headerIndex + 1;
  let opAt = -1;
  const columns: FixtureColumn[] = [];
  for (const [i, field] of header.entries()) {
    const name = field.text.trim();
    if (header.findIndex((f) => f.text.trim() === name) !== i)
      return fixtureError(file, headerLine, field.col, `column '${name}' appears twice in the header`);
    if (name === OP_COLUMN) {
      opAt = i;
      continue;
    }
    const column = use.columns.find((c) => c.name === name);
    if (!column) return fixtureError(file, headerLine, field.col, unknownColumnMessage(name, use));
    columns.push(column);
  }
  if (use.input) {
    const missing = use.columns.find((c) => !c.type.nullable && !columns.includes(c));
    if (missing)
      return fixtureError(
        file,
        headerLine,
        1,
        `${notNullMessage(missing, use.table)} (add it to the header)`,
      );
  }
  const schema = header.map((f, i) =>
    i === opAt ? { name: OP_COLUMN, type: t.string() } : columns.find((c) => c.name === f.text.trim())!,
  );
  let decoded: ReturnType<typeof readCsvDocument>;
  try {
    decoded = readCsvDocument(text, { columns: schema }, CSV_FIXTURE_OPTIONS, true);
  } catch (error) {
    // A column type the CSV format cannot hold (MAP, MULTISET).
    if (!(error instanceof FormatConfigError)) throw error;
    return fixtureError(file, headerLine, 1, `${error.message}: write this fixture as YAML`);
  }
  if (decoded.kind === "error") {
    const line = decoded.line ?? headerLine;
    const at = decoded.field === undefined ? -1 : schema.findIndex((c) => c.name === decoded.field);
    const col = at < 0 ? 1 : (splitLine(lines[line - 1] ?? "")[at]?.col ?? 1);
    return fixtureError(
      file,
      line,
      col,
      decoded.message.replace(/^csv: line \d+(, )?/, "").replace(/^: /, ""),
    );
  }
  const dataLines = lines.flatMap((l, i) => (i > headerIndex && l.trim() !== "" ? [i + 1] : []));
  const rows: FixtureRow[] = [];
  for (const [r, change] of decoded.rows.entries()) {
    const line = dataLines[r] ?? headerLine;
    const row = change.row as Row;
    const fields = splitLine(lines[line - 1] ?? "");
    const colOf = (i: number) => fields[i]?.col ?? 1;
    const kindText = opAt < 0 ? "+I" : String(row[opAt] ?? "");
    const kind = parseRowKind(kindText);
    if (!kind) return fixtureError(file, line, colOf(opAt), badRowKindMessage(kindText));
    const values = row.filter((_, i) => i !== opAt);
    if (use.input) {
      const nullAt = columns.findIndex((c, i) => !c.type.nullable && values[i] === null);
      if (nullAt >= 0)
        return fixtureError(
          file,
          line,
          colOf(schema.indexOf(columns[nullAt]!)),
          notNullMessage(columns[nullAt]!, use.table),
        );
    }
    rows.push({ kind, values, line });
  }
  return { file, columns, changelog: opAt >= 0, rows };
}

/** The fields of one line with their columns (quotes respected), for positions in messages. */
function splitLine(line: string): LineField[] {
  const out: LineField[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    let text = "";
    if (line[i] === '"') {
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        if (line[i] === '"') i++;
        text += line[i++];
      }
      i++;
    }
    while (i < line.length && line[i] !== ",") text += line[i++];
    out.push({ text, col: start + 1 });
    if (i >= line.length) return out;
    i++;
  }
}
