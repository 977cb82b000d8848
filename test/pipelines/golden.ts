import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = join(import.meta.dirname, "golden");
export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "pipelines");
export const C360 = join(import.meta.dirname, "..", "..", "examples", "c360");

/** The projects whose metadata, lineage, plans and lint have golden files: two fixtures and Customer 360. */
export const GOLDEN_PROJECTS: Readonly<Record<string, string>> = {
  "shift-left-graph": join(FIXTURES, "shift-left-graph"),
  retail: join(FIXTURES, "retail"),
  c360: C360,
};

/**
 * Compares `actual` with golden/<name> (stored as `<base>.golden.<ext>`, which biome leaves alone, so
 * the files stay byte-exact outputs); `UPDATE_GOLDEN=1` rewrites the file instead.
 */
export function expectGolden(name: string, actual: string): void {
  const dot = name.lastIndexOf(".");
  expectGoldenFile(join(GOLDEN_DIR, `${name.slice(0, dot)}.golden${name.slice(dot)}`), actual);
}

/** Compares `actual` with the file at `path` (created when missing outside CI; `UPDATE_GOLDEN=1` rewrites). */
export function expectGoldenFile(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== "1" && process.env.CI) throw new Error(`missing golden file ${file}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `${file} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
