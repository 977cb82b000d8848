// The SQL front end of a source tree and the corpus bench/sql-parse.ts times, for the tools that compare
// trees or trace V8 on it (bench/sql-parse-ab.ts, bench/sql-parse-jit.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface FrontEnd {
  /** Parses and binds one script against a fresh catalog; the number of diagnostics. */
  readonly check: (text: string) => number;
  /** Parses a text; the number of diagnostics. */
  readonly parseText: (text: string) => number;
  /** The corpus scripts that check cleanly (each Nexmark query after the Nexmark DDL). */
  readonly scripts: string[];
}

export async function loadFrontEnd(dir: string): Promise<FrontEnd> {
  const { checkSources } = await import(join(dir, "src/sql/check.ts"));
  const { SessionCatalog } = await import(join(dir, "src/sql/catalog/session-catalog.ts"));
  const { parseScript } = await import(join(dir, "src/sql/parser/index.ts"));
  const check = (text: string): number =>
    checkSources([{ name: "bench.sql", text }], new SessionCatalog())[0].diagnostics.length;
  const parseText = (text: string): number => parseScript({ name: "bench.sql", text }).diagnostics.length;
  const scripts = corpusScripts(join(dir, "test/corpus"), (text) => check(text) === 0);
  return { check, parseText, scripts };
}

/** The corpus scripts under `corpus` that `checksCleanly` accepts, each Nexmark query after the Nexmark DDL. */
export function corpusScripts(corpus: string, checksCleanly: (text: string) => boolean): string[] {
  const nexmarkDdl = readFileSync(join(corpus, "nexmark", "ddl.sql"), "utf8");
  return readdirSync(corpus, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sql") && entry.name !== "ddl.sql")
    .map((entry) => {
      const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
      return entry.parentPath.endsWith("nexmark") ? `${nexmarkDdl.trimEnd()}\n;\n${text}` : text;
    })
    .filter(checksCleanly);
}
