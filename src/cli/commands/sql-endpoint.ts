import type { Command } from "commander";
import type { SqlEndpointAuth, servedTables } from "../../serve/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { usageExitCodes } from "./project.ts";

interface EndpointOptions {
  readonly f: string;
  readonly host: string;
  readonly port: string;
  readonly tables?: string;
  readonly user?: string;
  readonly passwordEnv: string;
  readonly authMethod: string;
  readonly json?: boolean;
}

/**
 * `headwater sql-endpoint -f script.sql`: runs the script on the embedded engine and serves its tables
 * over the PostgreSQL wire protocol until Ctrl-C. A password, if any, comes from an environment variable
 * so it never appears in the process list or shell history.
 */
export function registerSqlEndpointCommand(program: Command): void {
  usageExitCodes(
    program
      .command("sql-endpoint")
      .description(
        "Run a SQL script on the embedded engine and serve its tables to PostgreSQL clients (psql, JDBC, BI tools)",
      ),
  )
    .requiredOption("-f <file>", "SQL script whose CREATE TABLE and INSERT statements fill the tables")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "5433")
    .option("--tables <names>", "comma-separated tables to serve (default: every table the engine stores)")
    .option("--user <name>", "the one user allowed in (default: any user)")
    .option(
      "--password-env <var>",
      "environment variable holding the password; no password when unset",
      "HEADWATER_SQL_PASSWORD",
    )
    .option("--auth-method <method>", "md5 or cleartext", "md5")
    .option("--json", "print the address and tables as one JSON line once listening")
    .action(async (options: EndpointOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        fail(`--port must be a port number, not '${options.port}'`);
      if (options.authMethod !== "md5" && options.authMethod !== "cleartext")
        fail(`--auth-method must be md5 or cleartext, not '${options.authMethod}'`);
      const password = process.env[options.passwordEnv];
      if (options.user !== undefined && !password)
        fail(`--user needs a password: set the environment variable ${options.passwordEnv}`);
      const auth: SqlEndpointAuth | undefined = password
        ? {
            password,
            method: options.authMethod,
            ...(options.user !== undefined ? { user: options.user } : {}),
          }
        : undefined;
      const { SqlError } = await import("../../engine/index.ts");
      const { servedTables, startSqlEndpoint } = await import("../../serve/index.ts");
      const { runScript, tableList } = await import("./script-engine.ts");
      const engine = await runScript(options.f);
      let tables: ReturnType<typeof servedTables>;
      try {
        tables = servedTables(engine, tableList(options.tables));
      } catch (error) {
        if (!(error instanceof SqlError)) throw error;
        fail(error.message);
      }
      if (Object.keys(tables).length === 0) fail(`${options.f} creates no table to serve`);
      const endpoint = await startSqlEndpoint({
        tables,
        host: options.host,
        port,
        ...(auth ? { auth } : {}),
      }).catch((error: NodeJS.ErrnoException) => {
        process.stderr.write(
          `headwater: cannot listen on ${options.host}:${port}: ${error.code ?? error.message}\n`,
        );
        process.exit(EXIT_FAILURE);
      });
      const names = Object.keys(tables);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ host: endpoint.host, port: endpoint.port, tables: names, auth: auth?.method ?? "none" })}\n`,
        );
      } else {
        const user = options.user ?? "any";
        process.stdout.write(
          `Serving ${names.join(", ")} on postgresql://${endpoint.host}:${endpoint.port} (user ${user}, ${auth ? `${auth.method} password` : "no password"})\n` +
            `  psql "host=${endpoint.host} port=${endpoint.port} user=${options.user ?? "me"}" -c '\\dt'\n` +
            "Press Ctrl-C to stop.\n",
        );
      }
      if (!auth && !isLoopback(options.host))
        process.stderr.write(
          `headwater: warning: serving ${options.host} without a password; set ${options.passwordEnv}\n`,
        );
      const stop = (): void => {
        void endpoint.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost";
}
