import { randomInt, timingSafeEqual } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Credentials, hashMd5Password } from "pg-gateway";
import { DuckDbMirror, type MirroredTables } from "../mirror/duckdb-mirror.ts";
import { installCatalogShim } from "./catalog/catalog-shim.ts";
import { rewriteCatalogSyntax } from "./catalog/rewrite-catalog-syntax.ts";
import { serveClient } from "./client-connection.ts";
import { PgError, SQLSTATE } from "./errors.ts";
import { Session } from "./session.ts";
import { SessionSettings } from "./session-settings.ts";

/** Password authentication; without it, any user name is accepted (on the loopback address by default). */
export interface SqlEndpointAuth {
  /** The one user allowed in; any user name when omitted. */
  readonly user?: string;
  readonly password: string;
  /** md5 (the default) keeps the password off the wire; cleartext sends it as typed. */
  readonly method?: "md5" | "cleartext";
}

export interface SqlEndpointOptions {
  /** The tables to serve, by the name clients query them with. */
  readonly tables: MirroredTables;
  readonly host?: string;
  /** 0 (the default) picks a free port; `port` on the result says which. */
  readonly port?: number;
  readonly auth?: SqlEndpointAuth;
}

export interface SqlEndpoint {
  readonly host: string;
  readonly port: number;
  /** Stops listening, ends every client connection and releases DuckDB. */
  close(): Promise<void>;
}

/**
 * Serves tables over the PostgreSQL wire protocol: psql, node-postgres, JDBC and BI tools connect and
 * run read-only, PostgreSQL-dialect SELECTs, which DuckDB answers from a mirror of the tables caught up
 * before every statement. DuckDB runs without file or network access.
 *
 * @example
 * const endpoint = await startSqlEndpoint({ tables: { orders: engine.table("orders") } });
 * // psql "host=127.0.0.1 port=${endpoint.port} user=me" -c "SELECT count(*) FROM orders"
 * await endpoint.close();
 */
export async function startSqlEndpoint(options: SqlEndpointOptions): Promise<SqlEndpoint> {
  const host = options.host ?? "127.0.0.1";
  const instance = await DuckDBInstance.create(":memory:", { errors_as_json: "true" });
  const mirror = await DuckDbMirror.create(options.tables, { instance });
  const shim = await installCatalogShim(instance, mirror.tables);
  const setup = await instance.connect();
  // From here on DuckDB serves untrusted SQL: no reading or writing files, no extensions. DuckDB refuses
  // to turn external access back on while running; clients cannot send SET to DuckDB at all (the session
  // answers SET itself and refuses every statement but SELECT and EXPLAIN).
  await setup.run("SET enable_external_access = false");
  setup.closeSync();

  const sessions = new Map<number, { secret: number; session: Session }>();
  let nextProcessId = randomInt(1000, 30000);
  const sockets = new Set<Socket>();
  const auth = options.auth;

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveClient(socket, {
      authMode: !auth ? "none" : auth.method === "cleartext" ? "cleartextPassword" : "md5Password",
      validateCredentials: (credentials) => checkCredentials(credentials, auth),
      openSession: async (client, out, flush) => {
        const settings = new SessionSettings(client.parameters.user);
        applyStartupParameters(settings, client.parameters);
        const connection = await instance.connect();
        await shim.prepareConnection(connection);
        const session = new Session(
          connection,
          { mirror, rewrite: rewriteCatalogSyntax, flush },
          out,
          settings,
        );
        const processId = nextProcessId++;
        const secret = randomInt(0x7fffffff);
        sessions.set(processId, { secret, session });
        socket.on("close", () => sessions.delete(processId));
        return { session, processId, secret };
      },
      cancel: (processId, secret) => {
        const target = sessions.get(processId);
        if (target && target.secret === secret) target.session.cancel();
      },
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: unknown) => {
    mirror.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);

  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await stopped;
        mirror.close();
      })();
      return closing;
    },
  };
}

/** Startup parameters set their session settings, as in PostgreSQL; user, database and options are not settings. */
function applyStartupParameters(
  settings: SessionSettings,
  parameters: Readonly<Record<string, string>>,
): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (["user", "database", "options", "replication"].includes(name)) continue;
    try {
      settings.set(name, value);
    } catch (error) {
      // Unknown parameters are ignored (drivers send their own); a bad value for a known one is not.
      if (error instanceof PgError && error.code === SQLSTATE.undefinedObject) continue;
      throw error;
    }
  }
}

async function checkCredentials(
  credentials: Credentials,
  auth: SqlEndpointAuth | undefined,
): Promise<boolean> {
  if (!auth) return true;
  if (auth.user !== undefined && credentials.user !== auth.user) return false;
  const expected =
    credentials.authMode === "md5Password"
      ? await hashMd5Password(credentials.user, auth.password, credentials.salt)
      : auth.password;
  const given = credentials.authMode === "md5Password" ? credentials.hash : credentials.password;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
