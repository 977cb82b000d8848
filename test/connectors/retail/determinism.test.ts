import { createHash } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  generateRetail,
  type RetailOptions,
  writeRetailFiles,
} from "../../../src/connectors/retail/index.ts";
import { collect } from "./support.ts";

async function digest(options: RetailOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "retail-determinism-"));
  const files = await writeRetailFiles(dir, generateRetail(options), ["csv", "jsonl"]);
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.path.slice(dir.length)).update(await readFile(f.path));
  return hash.digest("hex");
}

describe("retail determinism", () => {
  it("writes byte-identical files for the same seed and options", async () => {
    const options = { customers: 500, seed: 9 };
    expect(await digest(options)).toBe(await digest(options));
  });

  it("changes with the seed", async () => {
    expect(await digest({ customers: 200, seed: 1 })).not.toBe(await digest({ customers: 200, seed: 2 }));
  });

  it("restarts from scratch on every iteration of a generation", () => {
    const generation = generateRetail({ customers: 100, seed: 3 });
    const first = [...generation].map((e) => e.row.join("|"));
    const report = JSON.stringify(generation.report);
    expect([...generation].map((e) => e.row.join("|"))).toEqual(first);
    expect(JSON.stringify(generation.report)).toBe(report);
  });

  it("leaves the clean data unchanged when only dirt rates change", () => {
    const clean = collect({ customers: 300, seed: 5, dirt: false });
    const dirty = collect({
      customers: 300,
      seed: 5,
      dirt: { duplicateRate: 0.1, nullRate: 0, malformedRate: 0.1, lateUpdateRate: 0 },
    });
    const withoutCopies = dirty.events.filter(
      (e, i) =>
        i === 0 ||
        !(
          e.dataSet === dirty.events[i - 1]!.dataSet && e.row.join("|") === dirty.events[i - 1]!.row.join("|")
        ),
    );
    expect(withoutCopies.map((e) => [e.dataSet, e.eventTime, ...e.row].join("|"))).toEqual(
      clean.events.map((e) => [e.dataSet, e.eventTime, ...e.row].join("|")),
    );
  });
});
