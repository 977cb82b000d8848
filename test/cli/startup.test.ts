// What the CLI loads to start: registering commands loads no implementation, and heavy libraries
// load where they are first needed (timings are in bench/cli-startup.ts, not here).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const hook = join(import.meta.dirname, "fixtures", "report-loaded-modules.ts");

/** The modules `headwater <args>` loaded, as paths relative to the checkout or node_modules. */
function loadedBy(...args: string[]): string[] {
  const child = spawnSync(process.execPath, ["--no-warnings", "--import", hook, main, ...args], {
    encoding: "utf8",
  });
  expect(child.status).toBe(0);
  return child.stderr
    .split("\n")
    .filter((line) => line.startsWith("file://"))
    .map((url) => url.replace(/^.*\/node_modules\//, "node_modules/").replace(/^.*\/src\//, "src/"));
}

const HEAVY = ["@platformatic/kafka", "@duckdb/node-api", "fastify", "pg-gateway", "avsc", "ajv"];
const heavyIn = (modules: readonly string[]) =>
  HEAVY.filter((name) => modules.some((m) => m.startsWith(`node_modules/${name}/`)));

describe("CLI start-up", () => {
  it("registers every command without loading the engine, the pipelines or any server", () => {
    for (const args of [["--help"], ["deploy", "--help"], ["topic", "tail", "--help"]]) {
      const modules = loadedBy(...args);
      expect(heavyIn(modules)).toEqual([]);
      const implementations = modules.filter((m) =>
        /^src\/(engine|pipelines|product|serve|store|connectors)\/index\.ts$/.test(m),
      );
      expect(implementations).toEqual([]);
      expect(modules.length).toBeLessThan(120);
    }
  });

  it("runs SQL on the embedded engine without the Kafka client, DuckDB or a server", () => {
    const modules = loadedBy("sql", "-e", "SELECT 1");
    expect(modules).toContain("src/engine/index.ts");
    expect(heavyIn(modules).filter((name) => name !== "avsc")).toEqual([]);
  });
});
