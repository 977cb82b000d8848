import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../../../src/common/diagnostic.ts";
import { checkSources } from "../../../src/sql/check.ts";

// Each file in test/corpus/invalid holds one mistake, with its position written by hand in an
// `-- at: line:col` header: the first error must point there. The full rendered message is a golden
// file; `UPDATE_GOLDEN=1 npx vitest run test/sql/binder/errors.test.ts` rewrites them for review.
const invalid = join(import.meta.dirname, "..", "..", "corpus", "invalid");
const golden = join(import.meta.dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";

describe("every wrong statement gets a positioned error", () => {
  for (const file of readdirSync(invalid)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    it(file, () => {
      const text = readFileSync(join(invalid, file), "utf8");
      const [, line, col] = /^-- at: (\d+):(\d+)/m.exec(text) ?? [];
      const source = { name: file, text };
      const [checked] = checkSources([source]);
      const diagnostics = checked!.diagnostics;
      expect(diagnostics.length, "expected an error").toBeGreaterThan(0);
      expect(`${diagnostics[0]!.span.line}:${diagnostics[0]!.span.col}`).toBe(`${line}:${col}`);
      const rendered = `${diagnostics.map((d) => renderDiagnostic(source, d)).join("\n\n")}\n`;
      const goldenFile = join(golden, file.replace(/\.sql$/, ".txt"));
      if (update) {
        mkdirSync(golden, { recursive: true });
        writeFileSync(goldenFile, rendered);
      }
      expect(existsSync(goldenFile), `missing ${goldenFile}: run with UPDATE_GOLDEN=1 and review it`).toBe(
        true,
      );
      expect(rendered).toBe(readFileSync(goldenFile, "utf8"));
    });
  }
});
