import { resolve } from "node:path";
import type { Command } from "commander";
import type { C360Options } from "./demo-c360.ts";
import { usageExitCodes } from "./project.ts";

/** The flagship project, next to the sources in a checkout. */
const BUNDLED_PROJECT = resolve(import.meta.dirname, "..", "..", "..", "examples", "c360");

/**
 * `headwater demo`: Customer 360 live (`c360`, the default) and a tour of the engine (`tour`).
 * Only the options live here; each demo's module loads when it runs.
 */
export function registerDemoCommand(program: Command): void {
  const demo = usageExitCodes(
    program
      .command("demo")
      .description("Demos: Customer 360 live (c360, the default) and a tour of the engine"),
  );
  registerDemoC360(demo);
  registerDemoTour(demo);
}

function registerDemoC360(demo: Command): void {
  demo
    .command("c360", { isDefault: true })
    .description(
      "Customer 360 live: generated retail data through examples/c360 on the embedded engine, served over " +
        "REST, SQL and live changes while new events keep arriving (Ctrl-C stops; the next run resumes from its checkpoints)",
    )
    .option("--customers <n>", "customers to generate", "1000")
    .option("--seed <n>", "generator seed", "42")
    .option("--rate <events/s>", "live events per second once the history is loaded", "100")
    .option("--host <host>", "address the servers listen on", "127.0.0.1")
    .option("--port <port>", "REST port; 0 picks a free one", "8080")
    .option("--sql-port <port>", "PostgreSQL wire protocol port; 0 picks a free one", "5433")
    .option("--no-sql", "do not start the SQL endpoint")
    .option("--duration <seconds>", "stop after this many seconds of live events")
    .option("--max-events <n>", "stop once the live stream has emitted n events, earlier runs' included")
    .option("--once", "load the history (and resume), print one summary, stop")
    .option(
      "--state-dir <dir>",
      "the demo's store (raw topics, pipeline tables, checkpoints): a later run resumes from it",
      ".headwater/demo-c360",
    )
    .option(
      "--checkpoint-interval <seconds>",
      "how often every statement checkpoints (and its output shows)",
      "1",
    )
    .option("--fresh", "start over: delete the state folder's store and generate the history again")
    .option("--project <dir>", "the pipeline project", BUNDLED_PROJECT)
    .option("--json", "JSON lines instead of the screen: ready, a summary per second, stopped")
    .action(async (options: C360Options, command: Command) => {
      const { runDemoC360 } = await import("./demo-c360.ts");
      await runDemoC360(options, command);
    });
}

/**
 * A tour of what runs today, on the embedded default: generated Customer 360 data, Flink SQL run
 * incrementally with its changelog, the plan with changelog modes, and the binder's errors.
 */
function registerDemoTour(demo: Command): void {
  demo
    .command("tour")
    .description("A tour of the embedded engine: generated data, incremental Flink SQL, plans, errors")
    .option("--customers <n>", "customers to generate", "15")
    .option("--seed <n>", "generator seed", "42")
    .action(async (options: { customers: string; seed: string }) => {
      const { positiveInteger, runDemo } = await import("./demo-tour.ts");
      const customers = positiveInteger(options.customers, "--customers");
      const seed = positiveInteger(options.seed, "--seed");
      await runDemo(customers, seed);
    });
}
