import type { DuckDBConnection } from "@duckdb/node-api";
import type { DuckDbMirror } from "../mirror/duckdb-mirror.ts";
import { quoteLiteral } from "../mirror/quote.ts";
import { PgError, SQLSTATE } from "./errors.ts";
import {
  currentPrepared,
  describeColumns,
  type PreparedStatement,
  prepareStatement,
} from "./prepared-statement.ts";
import type { BackendWriter } from "./protocol/backend.ts";
import type { FormatCode, FrontendMessage } from "./protocol/frontend.ts";
import { QueryRun } from "./query-run.ts";
import { field, resultEncoders, resultFields } from "./result-format.ts";
import { runCommand, type TransactionStatus } from "./session-command.ts";
import type { SessionSettings } from "./session-settings.ts";
import { splitStatements } from "./sql/split-statements.ts";
import { type BoundParameter, decodeParameter } from "./types/parameters.ts";
import { PG, pgTypeOf } from "./types/pg-type.ts";

/** What a session needs from the server it belongs to. */
export interface SessionContext {
  readonly mirror: DuckDbMirror;
  /** Adapts PostgreSQL catalog syntax for DuckDB without moving character offsets. */
  readonly rewrite: (sql: string) => string;
  /** Sends what the writer holds; resolves when the socket can take more (backpressure). */
  readonly flush: () => Promise<void>;
}

interface Portal {
  readonly statement: PreparedStatement;
  readonly parameters: readonly BoundParameter[];
  readonly resultFormats: readonly FormatCode[];
  run: QueryRun | undefined;
}

/** Rows sent before the output is flushed to the socket, bounding memory for large results. */
const FLUSH_BYTES = 256 * 1024;

/**
 * One client's session: the simple and extended query protocols over the DuckDB mirror. Messages are
 * handled one at a time, in order. An error in the extended protocol discards messages until Sync;
 * an error inside BEGIN ... COMMIT fails the transaction until it ends, as in PostgreSQL.
 */
export class Session {
  private readonly connection: DuckDBConnection;
  private readonly context: SessionContext;
  private readonly out: BackendWriter;
  readonly settings: SessionSettings;
  private readonly statements = new Map<string, PreparedStatement>();
  private readonly portals = new Map<string, Portal>();
  /** The portal whose DuckDB result is open on the connection, if any. */
  private open: Portal | undefined;
  private status: TransactionStatus = "I";
  /** The TimeZone last given to DuckDB, which casts between timestamp and timestamptz in it. */
  private duckdbTimeZone = "UTC";
  private skipUntilSync = false;
  private closed = false;

  constructor(
    connection: DuckDBConnection,
    context: SessionContext,
    out: BackendWriter,
    settings: SessionSettings,
  ) {
    this.connection = connection;
    this.context = context;
    this.out = out;
    this.settings = settings;
  }

  /** Handles one message; returns false when the client asked to terminate. */
  async handle(message: FrontendMessage): Promise<boolean> {
    if (message.kind === "terminate") return false;
    if (message.kind === "sync") {
      await this.sync();
      return true;
    }
    if (message.kind === "flush") {
      await this.context.flush();
      return true;
    }
    if (message.kind === "query") {
      await this.simpleQuery(message.sql);
      return true;
    }
    if (this.skipUntilSync) return true;
    try {
      await this.extended(message);
    } catch (error) {
      this.fail(error);
      this.skipUntilSync = true;
    }
    return true;
  }

  /** Cancels the running statement (a CancelRequest from another connection). */
  cancel(): void {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const portal of this.portals.values()) await portal.run?.close();
    for (const statement of this.statements.values()) statement.duckdb?.prepared.destroySync();
    this.connection.closeSync();
  }

  private async simpleQuery(sql: string): Promise<void> {
    const statements = splitStatements(sql);
    if (statements.length === 0) this.out.emptyQueryResponse();
    for (const { text, offset } of statements) {
      try {
        await this.simpleStatement(text);
      } catch (error) {
        this.fail(error, [...sql.slice(0, offset)].length);
        break;
      }
    }
    // The simple protocol's statements and portal are unnamed and live for one query.
    await this.closePortal("");
    this.dropStatement("");
    this.out.readyForQuery(this.status);
    await this.context.flush();
  }

  private async simpleStatement(text: string): Promise<void> {
    await this.closePortal("");
    this.dropStatement("");
    const statement = await this.prepare(text, []);
    this.statements.set("", statement);
    const portal: Portal = { statement, parameters: [], resultFormats: [], run: undefined };
    this.portals.set("", portal);
    // The simple protocol describes what returns rows (a query, SHOW) and nothing else.
    const c = statement.classified;
    if (statement.duckdb || (c.kind === "command" && c.command.kind === "show"))
      await this.describePortal(portal);
    await this.execute(portal, 0);
  }

  private async extended(message: FrontendMessage): Promise<void> {
    switch (message.kind) {
      case "parse": {
        if (message.statement !== "" && this.statements.has(message.statement))
          throw new PgError(
            SQLSTATE.duplicatePreparedStatement,
            `prepared statement "${message.statement}" already exists`,
          );
        const texts = splitStatements(message.sql);
        if (texts.length > 1)
          throw new PgError(
            SQLSTATE.syntaxError,
            "cannot insert multiple commands into a prepared statement",
          );
        const statement = await this.prepare(message.sql, message.parameterTypes);
        this.dropStatement(message.statement);
        this.statements.set(message.statement, statement);
        this.out.parseComplete();
        return;
      }
      case "bind": {
        const statement = this.statement(message.statement);
        if (message.portal !== "" && this.portals.has(message.portal))
          throw new PgError(SQLSTATE.duplicateCursor, `portal "${message.portal}" already exists`);
        const parameters = this.bindParameters(statement, message.parameters, message.parameterFormats);
        await this.closePortal(message.portal);
        this.portals.set(message.portal, {
          statement,
          parameters,
          resultFormats: message.resultFormats,
          run: undefined,
        });
        this.out.bindComplete();
        return;
      }
      case "describe":
        if (message.target === "statement") this.describeStatement(this.statement(message.name));
        else await this.describePortal(this.portal(message.name));
        return;
      case "execute":
        await this.execute(this.portal(message.portal), message.maxRows);
        return;
      case "close":
        if (message.target === "statement") this.dropStatement(message.name);
        else await this.closePortal(message.name);
        this.out.closeComplete();
        return;
      case "unsupported":
        throw new PgError(
          SQLSTATE.featureNotSupported,
          `${message.type} is not supported by the SQL endpoint`,
        );
      default:
        return;
    }
  }

  private async prepare(text: string, declaredTypes: readonly number[]): Promise<PreparedStatement> {
    // Any DuckDB call on the connection ends an open result: keep a suspended portal's rows first.
    await this.open?.run?.materialize();
    // DuckDB binds casts between timestamp and timestamptz to the zone current when it prepares.
    if (this.duckdbTimeZone !== this.settings.timeZone) {
      await this.connection.run(`SET TimeZone = ${quoteLiteral(this.settings.timeZone)}`);
      this.duckdbTimeZone = this.settings.timeZone;
    }
    await this.context.mirror.catchUp();
    const statement = await prepareStatement(
      this.connection,
      text,
      declaredTypes,
      this.context.rewrite,
      this.context.mirror.generation,
    );
    // In a failed transaction only its end is accepted, as in PostgreSQL.
    if (this.status === "E" && !endsFailedTransaction(statement)) {
      statement.duckdb?.prepared.destroySync();
      throw new PgError(
        SQLSTATE.inFailedSqlTransaction,
        "current transaction is aborted, commands ignored until end of transaction block",
      );
    }
    return statement;
  }

  private bindParameters(
    statement: PreparedStatement,
    values: readonly (Buffer | null)[],
    formats: readonly FormatCode[],
  ): BoundParameter[] {
    const expected = statement.duckdb?.parameterTypes ?? [];
    if (values.length !== expected.length)
      throw new PgError(
        SQLSTATE.protocolViolation,
        `bind message supplies ${values.length} parameters, but prepared statement requires ${expected.length}`,
      );
    if (formats.length > 1 && formats.length !== values.length)
      throw new PgError(
        SQLSTATE.protocolViolation,
        `bind message has ${formats.length} parameter formats but ${values.length} parameters`,
      );
    return values.map((bytes, i) =>
      decodeParameter(
        bytes,
        formats.length === 1 ? formats[0]! : (formats[i] ?? 0),
        statement.declaredTypes[i] ?? 0,
        expected[i],
        i,
      ),
    );
  }

  private describeStatement(statement: PreparedStatement): void {
    const duckdb = statement.duckdb;
    const parameterOids = (duckdb?.parameterTypes ?? []).map(
      (type, i) => statement.declaredTypes[i] || (type ? pgTypeOf(type).oid : PG.text.oid),
    );
    this.out.parameterDescription(parameterOids);
    if (duckdb) this.out.rowDescription(describeColumns(duckdb).map((c) => field(c.name, c.type, 0)));
    else this.describeCommand(statement);
  }

  private async describePortal(portal: Portal): Promise<void> {
    if (!portal.statement.duckdb) return this.describeCommand(portal.statement);
    // Running the statement gives the exact result types (a parameter's type can decide them).
    const run = portal.run ?? (await this.start(portal));
    const names = portal.statement.duckdb.columnNames;
    const columns = names ? run.columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) : run.columns;
    this.out.rowDescription(resultFields(columns, portal.resultFormats));
  }

  private describeCommand(statement: PreparedStatement): void {
    const c = statement.classified;
    if (c.kind === "command" && c.command.kind === "show") {
      const names =
        c.command.name === null ? ["name", "setting", "description"] : [this.showColumn(c.command.name)];
      this.out.rowDescription(names.map((n) => field(n, undefined, 0)));
    } else {
      this.out.noData();
    }
  }

  private showColumn(name: string): string {
    return this.settings.all().find((s) => s.name.toLowerCase() === name.toLowerCase())?.name ?? name;
  }

  private async execute(portal: Portal, maxRows: number): Promise<void> {
    const statement = portal.statement;
    if (!statement.duckdb) {
      if (statement.classified.kind === "empty") return this.out.emptyQueryResponse();
      const result = runCommand(statement.classified, this.settings, this.status);
      this.status = result.status;
      for (const p of result.parameterStatus) this.out.parameterStatus(p.name, p.value);
      if (result.discardAll) await this.discardAll();
      for (const row of result.rows) this.out.dataRow(row);
      this.out.commandComplete(result.tag);
      return;
    }
    const run = portal.run ?? (await this.start(portal));
    const encode = resultEncoders(run.columns, portal.resultFormats, this.settings);
    let sent = 0;
    while (maxRows === 0 || sent < maxRows) {
      const rows = await run.next(maxRows === 0 ? 0 : maxRows - sent);
      for (const row of rows) this.out.dataRow(row.map((v, i) => (v === null ? null : encode[i]!(v))));
      sent += rows.length;
      if (this.out.size >= FLUSH_BYTES) await this.context.flush();
      if (run.done) break;
    }
    if (run.done) {
      this.out.commandComplete(`${statement.duckdb.explain ? "EXPLAIN" : "SELECT"} ${sent}`);
      if (this.open === portal) this.open = undefined;
    } else {
      this.out.portalSuspended();
    }
  }

  /** Starts a portal's DuckDB run, after the mirror has caught up with every committed change. */
  private async start(portal: Portal): Promise<QueryRun> {
    const duckdb = portal.statement.duckdb!;
    // One DuckDB result is open per connection: a suspended portal's rest is read into memory first.
    if (this.open && this.open !== portal) await this.open.run?.materialize();
    await this.context.mirror.catchUp();
    const prepared = await currentPrepared(this.connection, duckdb, this.context.mirror.generation);
    portal.run = await QueryRun.start(this.connection, prepared, portal.parameters, {
      sql: duckdb.sql,
      explain: duckdb.explain,
      timeoutMs: this.settings.statementTimeout,
    });
    this.open = portal;
    return portal.run;
  }

  private async sync(): Promise<void> {
    this.skipUntilSync = false;
    // Outside BEGIN ... COMMIT, Sync ends the implicit transaction and with it every portal.
    if (this.status === "I") for (const name of [...this.portals.keys()]) await this.closePortal(name);
    this.out.readyForQuery(this.status);
    await this.context.flush();
  }

  private fail(error: unknown, positionShift = 0): void {
    const pg =
      error instanceof PgError
        ? error.shifted(positionShift)
        : new PgError(SQLSTATE.internalError, error instanceof Error ? error.message : String(error));
    this.out.error(pg);
    if (this.status === "T") this.status = "E";
  }

  private async discardAll(): Promise<void> {
    for (const name of [...this.portals.keys()]) await this.closePortal(name);
    for (const name of [...this.statements.keys()]) this.dropStatement(name);
    for (const p of this.settings.resetAll()) this.out.parameterStatus(p.name, p.value);
  }

  private statement(name: string): PreparedStatement {
    const statement = this.statements.get(name);
    if (!statement)
      throw new PgError(SQLSTATE.invalidSqlStatementName, `prepared statement "${name}" does not exist`);
    return statement;
  }

  private portal(name: string): Portal {
    const portal = this.portals.get(name);
    if (!portal) throw new PgError(SQLSTATE.invalidCursorName, `portal "${name}" does not exist`);
    return portal;
  }

  private dropStatement(name: string): void {
    const statement = this.statements.get(name);
    if (!statement) return;
    this.statements.delete(name);
    // Portals keep using the DuckDB statement they were bound to; it is freed with the last of them.
    if (![...this.portals.values()].some((p) => p.statement === statement))
      statement.duckdb?.prepared.destroySync();
  }

  private async closePortal(name: string): Promise<void> {
    const portal = this.portals.get(name);
    if (!portal) return;
    this.portals.delete(name);
    if (this.open === portal) this.open = undefined;
    await portal.run?.close();
    const statement = portal.statement;
    const inUse =
      [...this.statements.values()].includes(statement) ||
      [...this.portals.values()].some((p) => p.statement === statement);
    if (!inUse) statement.duckdb?.prepared.destroySync();
  }
}

function endsFailedTransaction(statement: PreparedStatement): boolean {
  const c = statement.classified;
  return (
    c.kind === "command" &&
    (c.command.kind === "rollback" || c.command.kind === "commit" || c.command.kind === "rollbackToSavepoint")
  );
}
