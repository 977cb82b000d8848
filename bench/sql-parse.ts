// Parse throughput of the Flink SQL front end against dt-sql-parser's FlinkSQL parser (ANTLR), on the
// same text in the same run: every corpus script that parses cleanly (test/corpus/**/*.sql; scripts
// with syntax errors are left out, since an unterminated comment would swallow everything after it),
// concatenated and repeated to about 5 MB. Both parse the whole text (--peer-mb parses a prefix with the
// much slower peer instead, for quick runs); figures are MB/s, each the best of several rounds.
// The machine is shared, so the rounds interleave the peer and our stages (a burst of load hits both
// alike), and each figure is given for wall time and for the process's CPU time, which waiting for a
// core does not inflate.
//
// Throughput is measured warm, as JIT-compiled code is measured, and every contender warms up for the
// same CPU time: the peer runs once, then each of our stages runs until it has used as much CPU time as
// that run took (--warmup-seconds sets another time). A count of runs would not be fair: one 5 MB run
// warms the peer for about 15 s (ANTLR builds its DFA cache as it goes), ours for half a second, while
// V8 is still compiling the long tail of the grammar and the binder. The first timed round of each
// contender is printed too, with its warm-up.
//
//   node --experimental-strip-types bench/sql-parse.ts [--mb 5] [--peer-mb 5] [--rounds 3]
//     [--warmup-seconds S]
import { registerHooks } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { SessionCatalog } from "../src/sql/catalog/session-catalog.ts";
import { checkSources } from "../src/sql/check.ts";
import { parseScript } from "../src/sql/parser/index.ts";
import { corpusScripts } from "./lib/sql-parse-corpus.ts";

// dt-sql-parser ships ES modules with extensionless relative imports (`./parser`), which Node's
// resolver refuses; retry those as `<path>.js` and `<path>/index.js`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith(".") || !context.parentURL?.includes("/dt-sql-parser/")) throw error;
      try {
        return nextResolve(`${specifier}.js`, context);
      } catch {
        return nextResolve(`${specifier}/index.js`, context);
      }
    }
  },
});
const { FlinkSQL } = await import("dt-sql-parser");

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "5" },
    "peer-mb": { type: "string" },
    rounds: { type: "string", default: "3" },
    "warmup-seconds": { type: "string" },
  },
});
const TARGET_BYTES = Number(values.mb) * 1e6;
const PEER_BYTES = Number(values["peer-mb"] ?? values.mb) * 1e6;
const ROUNDS = Number(values.rounds);

/**
 * A step of the front end, timed over the whole text. Later steps (binding) are added here so the
 * figures show what each costs on top of parsing.
 */
interface Stage {
  readonly name: string;
  readonly run: (text: string) => void;
}

const stages: Stage[] = [
  {
    name: "headwater parse",
    run: (text) => {
      const { diagnostics } = parseScript({ name: "bench.sql", text });
      if (diagnostics.length > 0) throw new Error(`unexpected diagnostic: ${diagnostics[0]!.message}`);
    },
  },
  {
    // Each corpus script is bound against a fresh catalog, as `headwater sql check` binds a file.
    name: "headwater parse + bind",
    run: (text) => {
      for (const script of text.split(SCRIPT_BREAK)) {
        const [checked] = checkSources([{ name: "bench.sql", text: script }], new SessionCatalog());
        if (checked!.diagnostics.length > 0)
          throw new Error(`unexpected diagnostic: ${checked!.diagnostics[0]!.message}`);
      }
    },
  },
];

/** Separates corpus scripts in the benchmark text; a comment, so the parser skips it. */
const SCRIPT_BREAK = "\n-- script break\n";

/**
 * The corpus scripts that parse and bind cleanly (the Nexmark queries with the Nexmark DDL before
 * them), each ending with a statement separator and a script break.
 */
function corpusText(): string {
  const scripts = corpusScripts(
    join(import.meta.dirname, "../test/corpus"),
    (text) => checkSources([{ name: "corpus.sql", text }], new SessionCatalog())[0]!.diagnostics.length === 0,
  ).map((text) => `${text.trimEnd()}\n;${SCRIPT_BREAK}`);
  const once = scripts.join("");
  return once.repeat(Math.max(1, Math.round(TARGET_BYTES / once.length)));
}

/** Text cut at a statement boundary near `bytes`. */
function prefix(text: string, bytes: number): string {
  const end = text.indexOf("\n;\n", bytes);
  return end < 0 ? text : text.slice(0, end + 3);
}

// A full collection before each timed run, so that no contender pays for the garbage of the one
// before it (a parse of the whole text leaves an AST of about 100 MB behind).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** One timed run: wall and CPU seconds. */
function timed(text: string, run: (text: string) => void): { wall: number; cpu: number } {
  collectGarbage();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  run(text);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

interface Contender {
  readonly name: string;
  readonly text: string;
  readonly run: (text: string) => void;
}

const text = corpusText();
const peerText = prefix(text, PEER_BYTES);
const flink = new FlinkSQL();
// A listener that ignores errors: dt-sql-parser rejects some newer syntax (DISTRIBUTED BY, $rowtime,
// FILTER, ...) and would otherwise print every error; it recovers and parses on either way.
const ignoreErrors = (): void => {};
const peer: Contender = {
  name: "dt-sql-parser FlinkSQL parse",
  text: peerText,
  run: (t) => {
    flink.parse(t, ignoreErrors);
  },
};
const contenders: Contender[] = [peer, ...stages.map((stage) => ({ ...stage, text }))];

/** Runs a contender until it has used `seconds` of CPU time, once at least: its runs and CPU seconds. */
function warmUp(contender: Contender, seconds: number): { runs: number; cpu: number } {
  let runs = 0;
  let cpu = 0;
  do {
    cpu += timed(contender.text, contender.run).cpu;
    runs++;
  } while (cpu < seconds);
  return { runs, cpu };
}

const peerWarmUp = warmUp(peer, 0);
const warmUpSeconds =
  values["warmup-seconds"] === undefined ? peerWarmUp.cpu : Number(values["warmup-seconds"]);
const warmUps = [peerWarmUp, ...contenders.slice(1).map((contender) => warmUp(contender, warmUpSeconds))];
// Best wall and CPU seconds per contender over interleaved rounds, and the first round's CPU seconds.
const best = contenders.map(() => ({ wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY }));
const firstRoundCpu: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, contender] of contenders.entries()) {
    const { wall, cpu } = timed(contender.text, contender.run);
    if (round === 0) firstRoundCpu.push(cpu);
    best[i]!.wall = Math.min(best[i]!.wall, wall);
    best[i]!.cpu = Math.min(best[i]!.cpu, cpu);
  }
}
const megabytes = (t: string): number => Buffer.byteLength(t) / 1e6;
const rate = (i: number, clock: "wall" | "cpu"): number => megabytes(contenders[i]!.text) / best[i]![clock];

console.log(`text: ${megabytes(text).toFixed(2)} MB (peer: ${megabytes(peerText).toFixed(2)} MB)`);
for (const [i, contender] of contenders.entries()) {
  const { runs, cpu } = warmUps[i]!;
  const first = megabytes(contender.text) / firstRoundCpu[i]!;
  console.log(
    `  ${contender.name}: warmed up ${runs} run(s), ${cpu.toFixed(1)} s CPU; first timed round ${first.toFixed(2)} MB/s CPU`,
  );
}
console.log(`${peer.name}: ${rate(0, "wall").toFixed(2)} MB/s wall, ${rate(0, "cpu").toFixed(2)} MB/s CPU`);
for (let i = 1; i < contenders.length; i++) {
  const ratio = (clock: "wall" | "cpu"): string => (rate(i, clock) / rate(0, clock)).toFixed(1);
  console.log(
    `${contenders[i]!.name}: ${rate(i, "wall").toFixed(2)} MB/s wall = ${ratio("wall")}x, ` +
      `${rate(i, "cpu").toFixed(2)} MB/s CPU = ${ratio("cpu")}x dt-sql-parser (target >= 20x)`,
  );
}
