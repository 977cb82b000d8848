import { join } from "node:path";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { registerControlRoutes } from "./control-routes.ts";
import { DEFAULT_CONTROL_PORT } from "./default-port.ts";
import { ControlRequestError, StatementRegistry } from "./statement-registry.ts";
import { loadStatements, saveStatements } from "./statement-store.ts";

export interface ControlServerOptions {
  /** 127.0.0.1 unless told otherwise: the API runs SQL on behalf of whoever reaches it. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where statements are saved and replayed from on start; nothing is saved without it. */
  readonly stateDir?: string;
  /** How often jobs are driven between requests, in ms. */
  readonly tickMs?: number;
  /**
   * Run INSERTs under checkpoints this often (ms): tables live in the embedded store under
   * `<stateDir>/store`, output is exactly-once, statements resume from their last checkpoint after a
   * restart or a crash, and stop/start can take savepoints. Needs `stateDir`.
   */
  readonly checkpointIntervalMs?: number;
}

export interface ControlServer {
  readonly url: string;
  readonly registry: StatementRegistry;
  /** Statements replayed from the state dir at start. */
  readonly restored: number;
  close(): Promise<void>;
}

export { DEFAULT_CONTROL_PORT };

/**
 * Starts the daemon: an embedded engine whose statements are managed over a REST control API
 * (OpenAPI at /openapi.json). Statements saved in the state dir are replayed first.
 */
export async function startControlServer(options: ControlServerOptions = {}): Promise<ControlServer> {
  if (options.checkpointIntervalMs !== undefined && !options.stateDir)
    throw new Error("checkpoints need a state dir: pass --state-dir with --checkpoint-interval");
  const registry = new StatementRegistry(
    options.stateDir && options.checkpointIntervalMs !== undefined
      ? {
          storeDir: join(options.stateDir, "store"),
          checkpoints: { intervalMs: options.checkpointIntervalMs },
        }
      : {},
  );
  let restored = 0;
  if (options.stateDir) {
    const saved = loadStatements(options.stateDir);
    if ("error" in saved) throw new Error(saved.error);
    await registry.restore(saved);
    restored = saved.length;
  }
  const stateDir = options.stateDir;
  const persist = stateDir ? () => saveStatements(stateDir, registry.persisted()) : () => {};
  const app = await buildControlApp(registry, persist);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? DEFAULT_CONTROL_PORT });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const ticker = setInterval(() => registry.tick(), options.tickMs ?? 200);
  ticker.unref();
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    registry,
    restored,
    close: async () => {
      clearInterval(ticker);
      await app.close();
      await registry.close();
    },
  };
}

export async function buildControlApp(
  registry: StatementRegistry,
  changed: () => void,
): Promise<FastifyInstance> {
  // Unknown body fields are refused, not silently dropped: a misspelt option must not pass unnoticed.
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Headwater control API",
        description: "Named, long-lived Flink SQL statements on the embedded engine (headwater serve)",
        version: "1",
      },
    },
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status =
      error instanceof ControlRequestError
        ? error.status
        : error.validation
          ? 400
          : (error.statusCode ?? 500);
    const names: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 409: "Conflict" };
    return reply
      .status(status)
      .send({ statusCode: status, error: names[status] ?? "Internal Server Error", message: error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ statusCode: 404, error: "Not Found", message: `no route ${request.method} ${request.url}` }),
  );
  registerControlRoutes(app, registry, changed);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
