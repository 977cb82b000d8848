import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runSltFile } from "../slt/slt-runner.ts";

// Every *.slt file under test/slt, each with a fresh engine. UPDATE_GOLDEN=1 rewrites the expected
// blocks from the actual output (review the diff before committing).
const root = join(import.meta.dirname, "..", "slt");
const complete = process.env.UPDATE_GOLDEN === "1" || process.argv.includes("--complete");

function sltFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sltFiles(path);
      return name.endsWith(".slt") ? [path] : [];
    });
}

describe("sqllogictest", () => {
  for (const file of sltFiles(root)) {
    it(relative(root, file), async () => {
      const failures = await runSltFile(file, complete);
      const report = failures.map((f) => `${relative(root, file)}:${f.line}: ${f.message}`).join("\n\n");
      expect(report).toBe("");
    });
  }
});
