import {
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBType,
  DuckDBTypeId,
  StatementType,
} from "@duckdb/node-api";
import { pgErrorFromDuckDb } from "./duckdb-errors.ts";
import { PgError, SQLSTATE } from "./errors.ts";
import { type ClassifiedStatement, classifyStatement } from "./sql/classify-statement.ts";
import { pgColumnNames } from "./sql/pg-column-names.ts";

/** A statement DuckDB runs, executed by any number of portals. */
export interface DuckDbStatement {
  /** Replaced by `currentPrepared` when the mirror changed since DuckDB prepared it. */
  prepared: DuckDBPreparedStatement;
  /** The mirror's generation when `prepared` was made. */
  generation: number;
  /** The text DuckDB prepared: the client's, with catalog syntax rewritten (offsets kept). */
  readonly sql: string;
  readonly explain: boolean;
  /** The type DuckDB inferred for each parameter; undefined where it could not (`SELECT $1`). */
  readonly parameterTypes: readonly (DuckDBType | undefined)[];
  /** PostgreSQL's names for the result columns, where they differ from DuckDB's. */
  readonly columnNames: readonly string[] | undefined;
}

/** A parsed statement (the extended protocol's prepared statement, or one statement of a simple query). */
export interface PreparedStatement {
  readonly text: string;
  readonly classified: ClassifiedStatement;
  /** Parameter type OIDs the client declared in Parse (0 where it left the type open). */
  readonly declaredTypes: readonly number[];
  readonly duckdb: DuckDbStatement | undefined;
}

const WRITES: Partial<Record<StatementType, string>> = {
  [StatementType.INSERT]: "INSERT",
  [StatementType.UPDATE]: "UPDATE",
  [StatementType.DELETE]: "DELETE",
  [StatementType.CREATE]: "CREATE",
  [StatementType.CREATE_FUNC]: "CREATE FUNCTION",
  [StatementType.DROP]: "DROP",
  [StatementType.ALTER]: "ALTER",
  [StatementType.COPY]: "COPY",
  [StatementType.MERGE_INTO]: "MERGE",
  [StatementType.ANALYZE]: "ANALYZE",
  [StatementType.VACUUM]: "VACUUM",
  [StatementType.EXPORT]: "EXPORT DATABASE",
  [StatementType.COPY_DATABASE]: "COPY DATABASE",
};

/**
 * Prepares `text` for execution: session commands are recognised, everything else is prepared by
 * DuckDB (after `rewrite`, which adapts PostgreSQL catalog syntax) and must be a SELECT or EXPLAIN —
 * the endpoint is read-only, and says so in PostgreSQL's words (SQLSTATE 25006).
 */
export async function prepareStatement(
  connection: DuckDBConnection,
  text: string,
  declaredTypes: readonly number[],
  rewrite: (sql: string) => string,
  generation: number,
): Promise<PreparedStatement> {
  const classified = classifyStatement(text);
  if (classified.kind !== "query") return { text, classified, declaredTypes, duckdb: undefined };
  const sql = rewrite(text);
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await connection.prepare(sql);
  } catch (error) {
    throw pgErrorFromDuckDb(error, sql);
  }
  const type = prepared.statementType;
  if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN) {
    prepared.destroySync();
    throw refusal(type);
  }
  const parameterTypes = Array.from({ length: prepared.parameterCount }, (_, i) =>
    knownType(prepared.parameterTypeId(i + 1), () => prepared.parameterType(i + 1)),
  );
  if (declaredTypes.length > parameterTypes.length)
    throw new PgError(
      SQLSTATE.protocolViolation,
      `Parse declares ${declaredTypes.length} parameter types, but the statement has ${parameterTypes.length} parameters`,
    );
  const explain = type === StatementType.EXPLAIN;
  const duckdbNames = Array.from({ length: prepared.columnCount }, (_, i) => prepared.columnName(i));
  const columnNames = explain ? undefined : await pgColumnNames(connection, sql, duckdbNames);
  return {
    text,
    classified,
    declaredTypes,
    duckdb: { prepared, generation, sql, explain, parameterTypes, columnNames },
  };
}

/**
 * The statement prepared against the mirror as it is now. DuckDB plans with the table statistics of
 * the moment it prepares — a filter outside a column's min/max becomes an empty scan — so a statement
 * prepared before the mirror last changed would miss new rows; it is prepared again.
 */
export async function currentPrepared(
  connection: DuckDBConnection,
  statement: DuckDbStatement,
  generation: number,
): Promise<DuckDBPreparedStatement> {
  if (statement.generation === generation) return statement.prepared;
  let fresh: DuckDBPreparedStatement;
  try {
    fresh = await connection.prepare(statement.sql);
  } catch (error) {
    throw pgErrorFromDuckDb(error, statement.sql);
  }
  statement.prepared.destroySync();
  statement.prepared = fresh;
  statement.generation = generation;
  return fresh;
}

/** The result columns DuckDB expects before running; a column whose type depends on a parameter is undefined. */
export function describeColumns(
  statement: DuckDbStatement,
): { name: string; type: DuckDBType | undefined }[] {
  const p = statement.prepared;
  if (statement.explain) return [{ name: "QUERY PLAN", type: undefined }];
  return Array.from({ length: p.columnCount }, (_, i) => ({
    name: statement.columnNames?.[i] ?? p.columnName(i),
    type: knownType(p.columnTypeId(i), () => p.columnType(i)),
  }));
}

function knownType(id: DuckDBTypeId, type: () => DuckDBType): DuckDBType | undefined {
  if (id === DuckDBTypeId.INVALID || id === DuckDBTypeId.ANY || id === DuckDBTypeId.SQLNULL) return undefined;
  try {
    return type();
  } catch {
    return undefined;
  }
}

function refusal(type: StatementType): PgError {
  const write = WRITES[type];
  if (write)
    return new PgError(
      SQLSTATE.readOnlySqlTransaction,
      `cannot execute ${write} in a read-only transaction`,
      {
        hint: "The SQL endpoint serves the engine's tables read-only; change them through the engine.",
      },
    );
  const name = StatementType[type] ?? "this";
  return new PgError(
    SQLSTATE.featureNotSupported,
    `${name.replaceAll("_", " ")} statements are not supported by the SQL endpoint`,
    {
      hint: "Only SELECT and EXPLAIN run here.",
    },
  );
}
