import { closestMatch, type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import { writableColumns } from "../../engine/plan/plan-statement.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { parseDataType } from "../../sql/parser/index.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { typesEqual } from "../../sql/types/type-equality.ts";
import {
  type ContractColumn,
  contractPrimaryKey,
  type DataContract,
  type LogicalType,
} from "../descriptor/data-contract.ts";

/**
 * Checks a contract against the table it describes, as the catalog knows it: every stored column is
 * described and every described column exists, logical and physical types agree with the column's Flink
 * type, `required` columns cannot hold NULL, and the primary keys are the same columns in the same
 * order. Diagnostics point into the contract file.
 */
export function checkContractSchema(contract: DataContract, table: TableSchema): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const object = contract.object;
  const where = `schema[0]`;
  const stored = writableColumns(table).map((i) => table.columns[i]!);
  const byName = new Map(stored.map((c) => [c.name, c]));
  const tableName = table.path[2];
  for (const [i, column] of object.columns.entries()) {
    const path = `${where}.properties[${i}]`;
    const actual = byName.get(column.column);
    if (!actual) {
      const near = closestMatch(column.column, byName.keys());
      problems.push(
        diagnostic(
          "product/schema-mismatch",
          `${path}: table ${tableName} has no column '${column.column}'`,
          column.span,
          near ? [`did you mean ${near}?`] : [],
        ),
      );
      continue;
    }
    problems.push(...checkColumn(column, actual.type, path));
  }
  const described = new Set(object.columns.map((c) => c.column));
  for (const column of stored) {
    if (described.has(column.name)) continue;
    problems.push(
      diagnostic(
        "product/schema-mismatch",
        `${where}.properties: column '${column.name}' (${formatDataType(column.type)}) of table ${tableName} is not described`,
        object.span,
        ["every served column needs a property: its name, logicalType and description"],
      ),
    );
  }
  const key = contractPrimaryKey(contract).map((c) => c.column);
  const tableKey = table.primaryKey ?? [];
  if (key.join("\u0000") !== tableKey.join("\u0000")) {
    const shown = (k: readonly string[]): string => (k.length === 0 ? "none" : `(${k.join(", ")})`);
    problems.push(
      diagnostic(
        "product/schema-mismatch",
        `${where}: the contract's primary key ${shown(key)} differs from table ${tableName}'s ${shown(tableKey)}`,
        contractPrimaryKey(contract)[0]?.span ?? object.span,
      ),
    );
  }
  return problems;
}

function checkColumn(column: ContractColumn, type: DataType, path: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const fits = LOGICAL_TYPE_OF[type.kind];
  if (!fits.includes(column.logicalType))
    problems.push(
      diagnostic(
        "product/schema-mismatch",
        `${path}.logicalType: '${column.logicalType}' does not fit column ${column.column} of type ${formatDataType(type)}`,
        column.span,
        [`use ${fits.join(" or ")}`],
      ),
    );
  if (column.physicalType !== undefined) {
    let declared: DataType | undefined;
    let why: string | undefined;
    try {
      declared = parseDataType(column.physicalType);
    } catch (error) {
      why = `'${column.physicalType}' is not a Flink type (${(error as Error).message.split("\n")[0]})`;
    }
    if (declared && !typesEqual(declared, type, { ignoreNullability: true }))
      why = `'${column.physicalType}' differs from the column's type ${formatDataType(type)}`;
    if (why)
      problems.push(
        diagnostic("product/schema-mismatch", `${path}.physicalType: ${why}`, column.physicalTypeSpan!),
      );
  }
  if (column.required && type.nullable)
    problems.push(
      diagnostic(
        "product/schema-mismatch",
        `${path}.required: the contract promises a value, but column ${column.column} is nullable`,
        column.span,
        ["declare the column NOT NULL, or drop required"],
      ),
    );
  return problems;
}

/** Which ODCS logical types may describe a column of each Flink type (as its values are served in JSON). */
const LOGICAL_TYPE_OF: Readonly<Record<DataType["kind"], readonly LogicalType[]>> = {
  CHAR: ["string"],
  VARCHAR: ["string"],
  BINARY: ["string"],
  VARBINARY: ["string"],
  BOOLEAN: ["boolean"],
  TINYINT: ["integer", "number"],
  SMALLINT: ["integer", "number"],
  INT: ["integer", "number"],
  BIGINT: ["integer", "number"],
  FLOAT: ["number"],
  DOUBLE: ["number"],
  DECIMAL: ["number"],
  DATE: ["date"],
  TIME: ["time"],
  TIMESTAMP: ["timestamp"],
  TIMESTAMP_LTZ: ["timestamp"],
  TIMESTAMP_TZ: ["timestamp"],
  INTERVAL_YM: ["integer", "number"],
  INTERVAL_DT: ["integer", "number"],
  ARRAY: ["array"],
  MULTISET: ["array"],
  MAP: ["object"],
  ROW: ["object"],
  RAW: ["string"],
  NULL: ["string", "number", "integer", "boolean", "date", "timestamp", "time", "object", "array"],
};
