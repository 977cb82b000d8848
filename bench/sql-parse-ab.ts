// Interleaved A/B of the SQL front end's parse + bind: two source trees (say a `git archive` of the
// commit before a change, and the working tree) measured in alternating processes (A B, B A, ...),
// so a burst of load on the shared machine hits both alike. Each process warms up, then times
// several passes over the bench corpus (bench/sql-parse.ts's scripts, bound one by one as
// `headwater sql check` binds files, about 1 MB per pass) with a full GC before each, and reports
// the median and the best pass in CPU time (`--warmup` passes first, 3 by default). Printed: each
// tree's per-process figures, the median over processes and the ratio B/A, for the process's CPU time
// and for the main thread's alone (without V8 compiling and marking on its background threads), with
// load averages before and after.
//
// `--protocol bench` times what bench/sql-parse.ts timed until session 11 instead: the corpus
// repeated to 5 MB, each round a parse of the whole text and then parse + bind script by script in
// the same process (full GC before each), one warm-up round and the best of the next three: a cold
// start, where V8 is still compiling (a quarter of the CPU time went to TurboFan threads in session
// 10) and the whole-text parse leaves the young generation at its largest for parse + bind.
//
//   node --expose-gc bench/sql-parse-ab.ts --a DIR --b DIR [--rounds 8] [--passes 7] [--warmup 3] [--protocol bench]
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadFrontEnd } from "./lib/sql-parse-corpus.ts";

const { values } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    rounds: { type: "string", default: "8" },
    passes: { type: "string", default: "7" },
    warmup: { type: "string", default: "3" },
    protocol: { type: "string", default: "passes" },
    child: { type: "string" },
  },
});

interface PassRates {
  /** MB/s of the process's CPU time: the median pass and the best pass. */
  readonly median: number;
  readonly best: number;
  /** MB/s of the main thread's CPU time in the median pass: the work without V8's background threads. */
  readonly mainMedian: number;
}

if (values.child !== undefined)
  console.log(
    JSON.stringify(
      values.protocol === "bench"
        ? await measureBenchRounds(values.child)
        : await measure(values.child, Number(values.passes), Number(values.warmup)),
    ),
  );
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
        "--warmup",
        values.warmup,
        "--protocol",
        values.protocol,
      ];
      results[tree].push(JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as PassRates);
    }
  }
  console.log(`load ${loadBefore} -> ${load()}`);
  // Per process, the bench protocol's figure is its best round; the passes protocol's its median pass.
  const bench = values.protocol === "bench";
  const figure = (r: PassRates): number => (bench ? r.best : r.median);
  for (const tree of ["A", "B"] as const) {
    const rates = results[tree].map((r) => figure(r).toFixed(2)).join(" ");
    console.log(
      `${tree} ${trees[tree]}: ${rates}  median ${medianOf(results[tree].map(figure)).toFixed(2)} MB/s`,
    );
  }
  const ratio = (pick: (r: PassRates) => number): string =>
    (medianOf(results.B.map(pick)) / medianOf(results.A.map(pick))).toFixed(3);
  const unit = bench ? "rounds" : "passes";
  console.log(
    `B/A: median ${unit} ${ratio((r) => r.median)}, best ${unit} ${ratio((r) => r.best)}, ` +
      `main thread's median ${unit} ${ratio((r) => r.mainMedian)}`,
  );
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function medianOf(xs: readonly number[]): number {
  return [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
}

function garbageCollector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** A child: parse + bind of the corpus with the front end of the tree at `dir`. */
async function measure(dir: string, passes: number, warmup: number): Promise<PassRates> {
  const { check, scripts } = await loadFrontEnd(dir);
  const bytes = scripts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const repeats = Math.ceil(1e6 / bytes);
  const pass = (): void => {
    for (let r = 0; r < repeats; r++)
      for (const text of scripts) if (check(text) !== 0) throw new Error("a corpus script stopped binding");
  };
  const collectGarbage = garbageCollector();
  for (let i = 0; i < warmup; i++) pass();
  const seconds: number[] = [];
  const mainSeconds: number[] = [];
  for (let i = 0; i < passes; i++) {
    collectGarbage();
    const start = process.cpuUsage();
    const mainStart = process.threadCpuUsage();
    pass();
    seconds.push(cpuSeconds(process.cpuUsage(start)));
    mainSeconds.push(cpuSeconds(process.threadCpuUsage(mainStart)));
  }
  const megabytes = (bytes * repeats) / 1e6;
  return {
    median: megabytes / medianOf(seconds),
    best: megabytes / Math.min(...seconds),
    mainMedian: megabytes / medianOf(mainSeconds),
  };
}

/** A child, `--protocol bench`: bench/sql-parse.ts's rounds; `best` is the figure that bench reports. */
async function measureBenchRounds(dir: string): Promise<PassRates> {
  const { check, scripts, parseText } = await loadFrontEnd(dir);
  const scriptBreak = "\n-- script break\n";
  const once = scripts.map((text) => `${text.trimEnd()}\n;${scriptBreak}`).join("");
  const text = once.repeat(Math.max(1, Math.round(5e6 / once.length)));
  const collectGarbage = garbageCollector();
  const seconds: number[] = [];
  const mainSeconds: number[] = [];
  for (let round = 0; round <= 3; round++) {
    collectGarbage();
    if (parseText(text) !== 0) throw new Error("the corpus stopped parsing");
    collectGarbage();
    const start = process.cpuUsage();
    const mainStart = process.threadCpuUsage();
    for (const script of text.split(scriptBreak))
      if (check(script) !== 0) throw new Error("a corpus script stopped binding");
    if (round === 0) continue;
    seconds.push(cpuSeconds(process.cpuUsage(start)));
    mainSeconds.push(cpuSeconds(process.threadCpuUsage(mainStart)));
  }
  const megabytes = Buffer.byteLength(text) / 1e6;
  return {
    median: megabytes / medianOf(seconds),
    best: megabytes / Math.min(...seconds),
    mainMedian: megabytes / medianOf(mainSeconds),
  };
}
