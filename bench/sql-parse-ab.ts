// Interleaved A/B of the SQL front end's parse + bind: two source trees (say a `git archive` of the
// commit before a change, and the working tree) measured in alternating processes (A B, B A, ...),
// so a burst of load on the shared machine hits both alike. Each process warms up, then times
// several passes over the bench corpus (bench/sql-parse.ts's scripts, bound one by one as
// `headwater sql check` binds files, about 1 MB per pass) with a full GC before each, and reports
// the median and the best pass in CPU time. Printed: each tree's per-process figures, the median
// over processes and the ratio B/A, with load averages before and after.
//
//   node --expose-gc bench/sql-parse-ab.ts --a DIR --b DIR [--rounds 8] [--passes 7]
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const { values } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    rounds: { type: "string", default: "8" },
    passes: { type: "string", default: "7" },
    child: { type: "string" },
  },
});

interface PassRates {
  /** MB/s of CPU time: the median pass and the best pass. */
  readonly median: number;
  readonly best: number;
}

if (values.child !== undefined)
  console.log(JSON.stringify(await measure(values.child, Number(values.passes))));
else await compare();

/** The parent: alternates child processes of the two trees. */
async function compare(): Promise<void> {
  if (values.a === undefined || values.b === undefined) {
    // `npm run bench` with no names runs every script here: this one has nothing to compare then.
    console.log(
      "skipped: give two source trees, --a DIR --b DIR (e.g. a `git archive` of the commit before)",
    );
    return;
  }
  const trees = { A: values.a, B: values.b };
  const results: Record<"A" | "B", PassRates[]> = { A: [], B: [] };
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join("/");
  const loadBefore = load();
  for (let round = 0; round < Number(values.rounds); round++) {
    const order: ("A" | "B")[] = round % 2 === 0 ? ["A", "B"] : ["B", "A"];
    for (const tree of order) {
      const args = [
        "--expose-gc",
        "--no-warnings",
        import.meta.filename,
        "--child",
        trees[tree],
        "--passes",
        values.passes,
      ];
      results[tree].push(JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as PassRates);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  console.log(`load ${loadBefore} -> ${load()}`);
  for (const tree of ["A", "B"] as const) {
    const rates = results[tree].map((r) => r.median.toFixed(2)).join(" ");
    console.log(
      `${tree} ${trees[tree]}: ${rates}  median ${median(results[tree].map((r) => r.median)).toFixed(2)} MB/s`,
    );
  }
  const ratio = (pick: (r: PassRates) => number): string =>
    (median(results.B.map(pick)) / median(results.A.map(pick))).toFixed(3);
  console.log(`B/A: median passes ${ratio((r) => r.median)}, best passes ${ratio((r) => r.best)}`);
}

/** A child: parse + bind of the corpus with the front end of the tree at `dir`. */
async function measure(dir: string, passes: number): Promise<PassRates> {
  const { checkSources } = await import(join(dir, "src/sql/check.ts"));
  const { SessionCatalog } = await import(join(dir, "src/sql/catalog/session-catalog.ts"));
  const check = (text: string): number =>
    checkSources([{ name: "bench.sql", text }], new SessionCatalog())[0].diagnostics.length;
  const corpus = join(dir, "test/corpus");
  const nexmarkDdl = readFileSync(join(corpus, "nexmark", "ddl.sql"), "utf8");
  const scripts = readdirSync(corpus, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".sql") && entry.name !== "ddl.sql")
    .map((entry) => {
      const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
      return entry.parentPath.endsWith("nexmark") ? `${nexmarkDdl.trimEnd()}\n;\n${text}` : text;
    })
    .filter((text) => check(text) === 0);
  const bytes = scripts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const repeats = Math.ceil(1e6 / bytes);
  const pass = (): void => {
    for (let r = 0; r < repeats; r++)
      for (const text of scripts) if (check(text) !== 0) throw new Error("a corpus script stopped binding");
  };
  setFlagsFromString("--expose-gc");
  const collectGarbage = runInNewContext("gc") as () => void;
  for (let i = 0; i < 3; i++) pass();
  const seconds: number[] = [];
  for (let i = 0; i < passes; i++) {
    collectGarbage();
    const start = process.cpuUsage();
    pass();
    const used = process.cpuUsage(start);
    seconds.push((used.user + used.system) / 1e6);
  }
  seconds.sort((x, y) => x - y);
  const megabytes = (bytes * repeats) / 1e6;
  return { median: megabytes / seconds[Math.floor(passes / 2)]!, best: megabytes / seconds[0]! };
}
