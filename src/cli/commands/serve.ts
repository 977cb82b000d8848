import type { Command } from "commander";
// Light modules of their own (not the connectors' and serve's indexes): registering must stay cheap.
import { parseDuration } from "../../connectors/framework/option-values.ts";
import { DEFAULT_CONTROL_PORT } from "../../serve/control/default-port.ts";
import type { startControlServer } from "../../serve/control/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { usageExitCodes } from "./project.ts";

interface ServeCliOptions {
  host: string;
  port: string;
  stateDir?: string;
  checkpointInterval?: string;
}

export function registerServeCommand(program: Command): void {
  usageExitCodes(
    program
      .command("serve")
      .description(
        "Run the Headwater daemon: an embedded engine whose named, long-lived statements are managed over a REST control API (OpenAPI at /openapi.json); the local deploy target",
      ),
  )
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", String(DEFAULT_CONTROL_PORT))
    .option("--state-dir <dir>", "save statements here and replay them on the next start")
    .option(
      "--checkpoint-interval <duration>",
      "run INSERTs under checkpoints (e.g. 10s): tables in the store under --state-dir, exactly-once output, resume after a crash, savepoints",
    )
    .action(async (options: ServeCliOptions) => {
      const port = Number(options.port);
      if (!/^\d+$/.test(options.port) || port > 65535)
        fail(`--port must be a number from 0 to 65535, not '${options.port}'`);
      let checkpointIntervalMs: number | undefined;
      if (options.checkpointInterval !== undefined) {
        checkpointIntervalMs = parseDuration(options.checkpointInterval);
        if (checkpointIntervalMs === undefined || checkpointIntervalMs <= 0)
          fail(
            `--checkpoint-interval must be a duration such as 10s or 500ms, not '${options.checkpointInterval}'`,
          );
        if (!options.stateDir)
          fail("--checkpoint-interval needs --state-dir: checkpoints and tables live there");
      }
      const { startControlServer } = await import("../../serve/control/index.ts");
      let server: Awaited<ReturnType<typeof startControlServer>>;
      try {
        server = await startControlServer({
          host: options.host,
          port,
          ...(options.stateDir ? { stateDir: options.stateDir } : {}),
          ...(checkpointIntervalMs !== undefined ? { checkpointIntervalMs } : {}),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === "EADDRINUSE"
            ? `port ${port} on ${options.host} is in use: pass another --port`
            : (error as Error).message;
        process.stderr.write(`headwater serve: ${why}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const restored =
        server.restored > 0 ? `, ${server.restored} statement(s) replayed from ${options.stateDir}` : "";
      process.stdout.write(
        `headwater serve: control API on ${server.url} (OpenAPI: ${server.url}/openapi.json)${restored}\n`,
      );
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
