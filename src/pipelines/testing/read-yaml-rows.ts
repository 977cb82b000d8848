import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { formatFor } from "../../formats/index.ts";
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

const ENCODER = new TextEncoder();

/**
 * A YAML fixture: a list of rows, each a mapping from column name to value (plus `op` for a
 * changelog). Values follow Flink's JSON format: numbers as written (decimals keep every digit),
 * timestamps as `2024-01-01 10:00:00`, arrays as lists, rows and maps as mappings; a column a row
 * leaves out is NULL.
 */
export function readYamlRows(text: string, file: string, use: FixtureUse): FixtureRows | FixtureError {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const at = (node: Node | null | undefined, message: string): FixtureError => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    return fixtureError(file, pos.line, pos.col, message);
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? { line: 1, col: 1 };
    return fixtureError(file, pos.line, pos.col, syntax.message.split("\n")[0]!);
  }
  const root = doc.contents;
  if (root === null) return { file, columns: [], changelog: false, rows: [] };
  if (!isSeq(root)) return at(root, "expected a list of rows (`- column: value` mappings)");

  const columns: FixtureColumn[] = [];
  let changelog = false;
  for (const item of root.items) {
    if (!isMap(item)) return at(item as Node, "expected a row: a mapping from column name to value");
    for (const pair of item.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : "";
      if (name === OP_COLUMN) {
        changelog = true;
        continue;
      }
      const column = use.columns.find((c) => c.name === name);
      if (!column) return at(pair.key as Node, unknownColumnMessage(name, use));
      if (!columns.includes(column)) columns.push(column);
    }
  }
  const ordered = use.columns.filter((c) => columns.includes(c));
  const decode = formatFor("json")!.createDeserializer({ columns: ordered }, {});
  const rows: FixtureRow[] = [];
  for (const item of root.items) {
    if (!isMap(item)) continue;
    const valueNode = (name: string) => item.items.find((p) => isScalar(p.key) && p.key.value === name);
    const opPair = valueNode(OP_COLUMN);
    const opText = opPair && isScalar(opPair.value) ? String(opPair.value.value) : "+I";
    const kind = parseRowKind(opText);
    if (!kind) return at((opPair?.value ?? item) as Node, badRowKindMessage(opText));
    const json = `{${item.items
      .filter((p) => isScalar(p.key) && p.key.value !== OP_COLUMN)
      .map(
        (p) =>
          `${JSON.stringify(String((p.key as { value: unknown }).value))}:${toJson(p.value as Node | null)}`,
      )
      .join(",")}}`;
    const decoded = decode(ENCODER.encode(json));
    if (decoded.kind === "error") {
      const field = decoded.field?.split(/[.[]/)[0];
      const pair = field === undefined ? undefined : valueNode(field);
      return at(
        (pair?.value ?? item) as Node,
        decoded.message.replace(/^json: field '/, "column '").replace(/^json: /, ""),
      );
    }
    const values = decoded.rows[0]!.row;
    if (use.input) {
      const missing = use.columns.find(
        (c) => !c.type.nullable && (values[ordered.indexOf(c)] ?? null) === null,
      );
      if (missing)
        return at((valueNode(missing.name)?.value ?? item) as Node, notNullMessage(missing, use.table));
    }
    rows.push({ kind, values, line: lines.linePos(item.range?.[0] ?? 0).line });
  }
  return { file, columns: ordered, changelog, rows };
}

/** A YAML value as JSON text; plain numbers keep their written digits (a DECIMAL loses none). */
function toJson(node: Node | null): string {
  if (node === null) return "null";
  if (isScalar(node)) {
    const value = node.value;
    if ((typeof value === "number" || typeof value === "bigint") && node.source !== undefined)
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(node.source)
        ? node.source.replace(/^\+/, "")
        : JSON.stringify(value);
    return JSON.stringify(value ?? null);
  }
  if (isSeq(node)) return `[${node.items.map((i) => toJson(i as Node | null)).join(",")}]`;
  if (isMap(node))
    return `{${node.items
      .filter(isPair)
      .map(
        (p) =>
          `${JSON.stringify(String(isScalar(p.key) ? p.key.value : p.key))}:${toJson(p.value as Node | null)}`,
      )
      .join(",")}}`;
  return "null";
}
