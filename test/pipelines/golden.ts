import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = join(import.meta.dirname, "golden");
export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "pipelines");

/**
 * Compares `actual` with golden/<name> (stored as `<base>.golden.<ext>`, which biome leaves alone, so
 * the files stay byte-exact outputs); `UPDATE_GOLDEN=1` rewrites the file instead.
 */
export function expectGolden(name: string, actual: string): void {
  const dot = name.lastIndexOf(".");
  const file = join(GOLDEN_DIR, `${name.slice(0, dot)}.golden${name.slice(dot)}`);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== "1" && process.env.CI) throw new Error(`missing golden file ${name}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}
