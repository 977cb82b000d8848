import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceText } from "../../../src/common/source.ts";
import { checkSources } from "../../../src/sql/check.ts";

const corpus = join(import.meta.dirname, "..", "..", "corpus");
const read = (dir: string, name: string): SourceText => ({
  name: `${dir}/${name}`,
  text: readFileSync(join(corpus, dir, name), "utf8"),
});
const sqlFiles = (dir: string): string[] =>
  readdirSync(join(corpus, dir))
    .filter((f) => f.endsWith(".sql"))
    .sort();

/** Files marked `-- @parse-only` hold syntax Flink parses but its planner rejects. */
const bindable = (source: SourceText): boolean => !/^-- @parse-only/m.test(source.text);

function errorsOf(sources: SourceText[]): string[] {
  return checkSources(sources).flatMap((checked) =>
    checked.diagnostics.map((d) => `${checked.source.name}:${d.span.line}:${d.span.col}: ${d.message}`),
  );
}

describe("the valid corpus binds without errors", () => {
  for (const file of sqlFiles("valid")) {
    const source = read("valid", file);
    if (!bindable(source)) continue;
    it(file, () => expect(errorsOf([source])).toEqual([]));
  }

  it("the C360 pipeline", () => {
    for (const file of sqlFiles("c360")) expect(errorsOf([read("c360", file)])).toEqual([]);
  });

  const ddl = read("nexmark", "ddl.sql");
  for (const file of sqlFiles("nexmark").filter((f) => f !== "ddl.sql")) {
    it(`nexmark ${file}`, () => expect(errorsOf([ddl, read("nexmark", file)])).toEqual([]));
  }
});
