import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Engine, TableView } from "../../engine/index.ts";
import type { ProductDescriptor, ProductProblem } from "../../product/index.ts";
import type { ServedProductOptions, startRestServer } from "../../serve/index.ts";
import { EXIT_FAILURE, EXIT_OK, fail } from "../exit.ts";

interface RestOptions {
  readonly f: string;
  readonly product: readonly string[];
  readonly host: string;
  readonly port: string;
  readonly json?: boolean;
}

/**
 * `headwater rest -f SCRIPT.sql --product DIR`: runs the script on the embedded engine (creating and
 * filling the tables), loads and checks the product descriptors against those tables, and serves
 * them over REST until Ctrl-C.
 */
export function registerRestCommand(program: Command): void {
  program
    .command("rest")
    .description("Serve data products over REST (OpenAPI at /docs, live changes as Server-Sent Events)")
    .requiredOption("-f <file>", "the SQL script that creates and fills the products' tables")
    .requiredOption(
      "--product <dir...>",
      "a product folder (product.yaml + contract.yaml) or a folder of them, e.g. a project's products/",
    )
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on; 0 picks a free one", "8080")
    .option("--json", "print where the server listens as one JSON line, for scripts")
    .action(async (options: RestOptions) => {
      const port = Number(options.port);
      if (!/^\d+$/.test(options.port) || port > 65535) fail("--port must be a whole number from 0 to 65535");
      if (!existsSync(options.f)) fail(`no such SQL script: ${options.f}`);
      for (const dir of options.product) if (!existsSync(dir)) fail(`no such product folder: ${dir}`);
      const { loadProducts, renderProductProblems } = await import("../../product/index.ts");
      const { createEngine, SqlError } = await import("../../engine/index.ts");
      const { startRestServer } = await import("../../serve/index.ts");
      const loaded = options.product.map(loadProducts);
      const descriptors = loaded.flatMap((l) => l.descriptors);
      const problems: ProductProblem[] = loaded.flatMap((l) => [...l.problems]);
      if (descriptors.length === 0 && problems.length === 0)
        fail(`no product.yaml in ${options.product.join(", ")} or its subfolders`);
      if (problems.length > 0) return stop(renderProductProblems(problems));

      const engine = createEngine();
      try {
        await engine.executeScript(readFileSync(options.f, "utf8"), options.f);
        // The script's inputs end where it ends, as with `headwater sql -f`: windows and timers fire.
        engine.runBounded();
      } catch (error) {
        if (!(error instanceof SqlError)) throw error;
        return stop(error.message);
      }
      const failed = engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
      if (failed.length > 0) return stop(failed.join("\n"));
      const products = await bindTables(engine, descriptors);
      if ("problems" in products) return stop(renderProductProblems(products.problems));

      let server: Awaited<ReturnType<typeof startRestServer>>;
      try {
        server = await startRestServer({ products: products.served, host: options.host, port });
      } catch (error) {
        return stop(`cannot listen on ${options.host}:${port}: ${(error as Error).message}`);
      }
      const ids = descriptors.map((d) => d.product.id);
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ url: server.url, host: server.host, port: server.port, products: ids })}\n`,
        );
      else {
        process.stdout.write(`Serving ${ids.length} data product(s) at ${server.url}\n`);
        process.stdout.write(`  docs     ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)\n`);
        for (const id of ids) process.stdout.write(`  product  ${server.url}/products/${id}\n`);
        process.stdout.write("Press Ctrl-C to stop.\n");
      }
      const shutdown = async () => {
        await server.close();
        if (!options.json) process.stdout.write("Stopped.\n");
        process.exit(EXIT_OK);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });
}

/** Each product's table from the engine, checked against its contract. */
async function bindTables(
  engine: Engine,
  descriptors: readonly ProductDescriptor[],
): Promise<{ served: ServedProductOptions[] } | { problems: ProductProblem[] }> {
  const { SqlError } = await import("../../engine/index.ts");
  const { checkProductTable } = await import("../../product/index.ts");
  const served: ServedProductOptions[] = [];
  const problems: ProductProblem[] = [];
  for (const descriptor of descriptors) {
    let table: TableView | undefined;
    try {
      table = engine.table(descriptor.contract.object.table);
    } catch (error) {
      if (!(error instanceof SqlError)) throw error;
    }
    const found = checkProductTable(descriptor, table?.schema);
    if (found.length > 0 || !table) problems.push(...found);
    else served.push({ descriptor, table });
  }
  return problems.length > 0 ? { problems } : { served };
}

function stop(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = EXIT_FAILURE;
}
