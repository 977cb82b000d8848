import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { fromDuckDB } from "../duckdb/typed-rows.ts";

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The rows of a Parquet file, read by DuckDB, as the table's physical columns (by name) converted
 * to the engine's values. Scalar column types only (see duckdb/typed-rows.ts).
 */
export async function readParquetRows(
  file: string,
  columns: readonly { readonly name: string; readonly type: DataType }[],
): Promise<Row[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const select = columns.map((c) => quote(c.name)).join(", ");
    const reader = await connection.runAndReadAll(
      `SELECT ${select} FROM read_parquet('${file.replaceAll("'", "''")}')`,
    );
    return reader.getRows().map((values) => values.map((v, i) => fromDuckDB(v, columns[i]!.type)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
