import type {
  DuckDBConnection,
  DuckDBPreparedStatement,
  DuckDBResult,
  DuckDBType,
  DuckDBValue,
} from "@duckdb/node-api";
import { VARCHAR } from "@duckdb/node-api";
import { pgErrorFromDuckDb } from "./duckdb-errors.ts";
import { PgError, SQLSTATE } from "./errors.ts";
import type { BoundParameter } from "./types/parameters.ts";

export interface ResultColumn {
  readonly name: string;
  readonly type: DuckDBType;
}

/**
 * One execution of a prepared DuckDB statement, read in pieces: the portal of the extended protocol,
 * which a client may drain over several Execute messages. Each run is its own read-only DuckDB
 * transaction, begun before the statement runs and committed when its rows are exhausted or the run is
 * closed — so a statement sees one snapshot, and no statement can write (EXPLAIN ANALYZE of a DELETE
 * included). A connection has one open DuckDB result at a time; `materialize()` reads the rest of a
 * suspended run into memory when another statement needs the connection.
 */
export class QueryRun {
  readonly columns: readonly ResultColumn[];
  private readonly connection: DuckDBConnection;
  private readonly result: DuckDBResult | undefined;
  private readonly sql: string;
  private readonly deadline: Deadline;
  private buffered: DuckDBValue[][] = [];
  private finished = false;

  private constructor(
    connection: DuckDBConnection,
    result: DuckDBResult | undefined,
    columns: readonly ResultColumn[],
    sql: string,
    deadline: Deadline,
    rows: DuckDBValue[][] = [],
  ) {
    this.connection = connection;
    this.result = result;
    this.columns = columns;
    this.sql = sql;
    this.deadline = deadline;
    this.buffered = rows;
    this.finished = result === undefined;
  }

  /**
   * Runs `prepared` with `parameters`. `explain` reshapes DuckDB's (explain_key, explain_value) rows
   * into PostgreSQL's one `QUERY PLAN` column with a row per line.
   */
  static async start(
    connection: DuckDBConnection,
    prepared: DuckDBPreparedStatement,
    parameters: readonly BoundParameter[],
    options: { sql: string; explain: boolean; timeoutMs: number },
  ): Promise<QueryRun> {
    await connection.run("BEGIN TRANSACTION READ ONLY");
    const deadline = new Deadline(connection, options.timeoutMs);
    try {
      prepared.clearBindings();
      parameters.forEach((p, i) => {
        if (p.value === null) prepared.bindNull(i + 1);
        else prepared.bindValue(i + 1, p.value, p.type);
      });
      if (options.explain) {
        const plan = await (await prepared.run()).getRows();
        const rows = plan.flatMap((r) =>
          String(r[1] ?? "")
            .replace(/\n$/, "")
            .split("\n")
            .map((line): DuckDBValue[] => [line]),
        );
        await connection.run("COMMIT");
        deadline.clear();
        return new QueryRun(
          connection,
          undefined,
          [{ name: "QUERY PLAN", type: VARCHAR }],
          options.sql,
          deadline,
          rows,
        );
      }
      const result = await prepared.stream();
      const columns = result.columnNames().map((name, i) => ({ name, type: result.columnType(i) }));
      return new QueryRun(connection, result, columns, options.sql, deadline);
    } catch (error) {
      deadline.clear();
      await connection.run("ROLLBACK").catch(() => {});
      throw deadline.error(error, options.sql);
    }
  }

  get done(): boolean {
    return this.finished && this.buffered.length === 0;
  }

  /** Up to `max` more rows (at least one unless the run is done); `max` 0 means whatever is at hand. */
  async next(max: number): Promise<DuckDBValue[][]> {
    if (this.buffered.length === 0 && !this.finished) await this.fetch();
    if (max <= 0 || max >= this.buffered.length) {
      const rows = this.buffered;
      this.buffered = [];
      return rows;
    }
    return this.buffered.splice(0, max);
  }

  /** Reads every remaining row into memory and ends the DuckDB transaction. */
  async materialize(): Promise<void> {
    while (!this.finished) await this.fetch();
  }

  /** Ends the run early (portal closed, client gone): the transaction is rolled back. */
  async close(): Promise<void> {
    this.buffered = [];
    if (this.finished) return;
    this.finished = true;
    this.deadline.clear();
    await this.connection.run("ROLLBACK").catch(() => {});
  }

  private async fetch(): Promise<void> {
    try {
      const chunk = await this.result!.fetchChunk();
      if (chunk && chunk.rowCount > 0) {
        const rows = chunk.getRows();
        this.buffered = this.buffered.length === 0 ? rows : this.buffered.concat(rows);
        return;
      }
      this.finished = true;
      this.deadline.clear();
      await this.connection.run("COMMIT");
    } catch (error) {
      this.finished = true;
      this.deadline.clear();
      await this.connection.run("ROLLBACK").catch(() => {});
      throw this.deadline.error(error, this.sql);
    }
  }
}

/** statement_timeout: interrupts DuckDB when a run takes longer, and names the cause of the error. */
class Deadline {
  private expired = false;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(connection: DuckDBConnection, timeoutMs: number) {
    this.timer =
      timeoutMs > 0
        ? setTimeout(() => {
            this.expired = true;
            connection.interrupt();
          }, timeoutMs)
        : undefined;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  error(error: unknown, sql: string): PgError {
    if (this.expired)
      return new PgError(SQLSTATE.queryCanceled, "canceling statement due to statement timeout");
    return pgErrorFromDuckDb(error, sql);
  }
}
