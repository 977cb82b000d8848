import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = join(import.meta.dirname, "golden");

/** Compares `actual` with golden/<base>.golden.<ext>; `UPDATE_GOLDEN=1` rewrites the file for review. */
export function expectGolden(name: string, actual: string): void {
  const dot = name.lastIndexOf(".");
  const file = join(GOLDEN_DIR, `${name.slice(0, dot)}.golden${name.slice(dot)}`);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
