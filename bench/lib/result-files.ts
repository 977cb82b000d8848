// Results on disk: bench/results/<benchmark>-<UTC date and time>.json and .md, one pair per run; the
// previous comparable run is the newest earlier JSON file of the same benchmark that `comparable` accepts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** `nexmark-2026-11-21T050712Z`: sorts by time, and is safe in any file system. */
export function resultBaseName(benchmark: string, startedAt: string): string {
  const stamp = startedAt.slice(0, 19).replaceAll(":", "");
  return `${benchmark}-${stamp}Z`;
}

export function findPreviousResult<T>(
  dir: string,
  benchmark: string,
  startedAt: string,
  comparable: (earlier: T) => boolean,
): { readonly file: string; readonly report: T } | undefined {
  if (!existsSync(dir)) return undefined;
  const own = `${resultBaseName(benchmark, startedAt)}.json`;
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`${benchmark}-`) && f.endsWith(".json") && f < own)
    .sort()
    .reverse();
  for (const file of files) {
    const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as T;
    if (comparable(report)) return { file, report };
  }
  return undefined;
}

/** Writes `<base>.json` and `<base>.md` into `dir`; returns their paths. */
export function writeResultFiles(dir: string, base: string, json: unknown, markdown: string): string[] {
  const paths = [join(dir, `${base}.json`), join(dir, `${base}.md`)];
  writeFileSync(paths[0]!, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(paths[1]!, markdown);
  return paths;
}
