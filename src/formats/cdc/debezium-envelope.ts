// Debezium change events ↔ Flink changelog rows (docs/connectors/table/formats/debezium.md):
// op 'c' (create) and 'r' (snapshot read) → +I(after); 'u' → -U(before), +U(after); 'd' → -D(before).
// Writing, Flink cannot pair -U with +U, so it writes +I/+U as op 'c' (after only) and -U/-D as op 'd'
// (before only).
import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { FieldError } from "../errors.ts";
import type { ChangeRow } from "../format.ts";

export function envelopeToChanges(
  op: unknown,
  before: () => Row | null,
  after: () => Row | null,
): ChangeRow[] {
  switch (op) {
    case "c":
    case "r":
      return [{ kind: "+I", row: required(after(), "after", op) }];
    case "u":
      return [
        { kind: "-U", row: required(before(), "before", op) },
        { kind: "+U", row: required(after(), "after", op) },
      ];
    case "d":
      return [{ kind: "-D", row: required(before(), "before", op) }];
    default:
      throw new FieldError(
        `unknown Debezium operation ${JSON.stringify(op ?? null)} (expected c, r, u or d)`,
        "op",
      );
  }
}

function required(row: Row | null, field: "before" | "after", op: string): Row {
  if (row !== null) return row;
  const hint =
    field === "before"
      ? " (for the Debezium Postgres connector, set the table's REPLICA IDENTITY to FULL so that updates and deletes carry it)"
      : "";
  throw new FieldError(`the "${field}" field of an op '${op}' event is null${hint}`, field);
}

/** The (before, after, op) Flink writes for one changelog row. */
export function changeToEnvelope(kind: RowKind, row: Row): [Row | null, Row | null, string] {
  return kind === "+I" || kind === "+U" ? [null, row, "c"] : [row, null, "d"];
}

/** Flink's Debezium Avro row type: ROW<before ROW<…> NULL, after ROW<…> NULL, op STRING NULL>. */
export function debeziumAvroColumns(
  columns: readonly { readonly name: string; readonly type: DataType }[],
): { name: string; type: DataType }[] {
  const row: DataType = {
    kind: "ROW",
    fields: columns.map((c) => ({ name: c.name, type: c.type })),
    nullable: true,
  };
  return [
    { name: "before", type: row },
    { name: "after", type: row },
    { name: "op", type: { kind: "VARCHAR", length: 2147483647, nullable: true } },
  ];
}
