// Parse throughput of the Flink SQL front end against dt-sql-parser's FlinkSQL parser (ANTLR), on the
// same text in the same run: every corpus script that parses cleanly (test/corpus/**/*.sql; scripts
// with syntax errors are left out, since an unterminated comment would swallow everything after it),
// concatenated and repeated to about 5 MB. Both parse the whole text (--peer-mb parses a prefix with the
// much slower peer instead, for quick runs); figures are MB/s, each the best of several rounds.
// The machine is shared, so the rounds interleave the peer and our stages (a burst of load hits both
// alike), and each figure is given for wall time and for the process's CPU time, which waiting for a
// core does not inflate.
//
// Throughput is measured warm, as JIT-compiled code is measured:
// - Every contender warms up for the same CPU time: the peer runs once, then each of our stages runs
//   until it has used as much CPU time as that run took (--warmup-seconds sets another time). A count
//   of runs would not be fair: one 5 MB run warms the peer for about 15 s (ANTLR builds its DFA cache
//   as it goes), ours for half a second, while V8 is still compiling the long tail of the grammar and
//   the binder. The first timed round of each contender is printed too, with its warm-up.
// - Every contender runs in a process of its own (a child the parent asks for each run), as JMH forks
//   a JVM per benchmark: in one process each would run on the heap and the JIT's profile the others
//   left. Measured: after the parse stage's single 5 MB script, V8's young generation stays at its
//   largest and the parse + bind stage's collections cost 10-15 ms each instead of 0.3 ms.
//
//   node --experimental-strip-types bench/sql-parse.ts [--mb 5] [--peer-mb 5] [--rounds 3]
//     [--warmup-seconds S]
import { type ChildProcess, fork } from "node:child_process";
import { registerHooks } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { SessionCatalog } from "../src/sql/catalog/session-catalog.ts";
import { checkSources } from "../src/sql/check.ts";
import { parseScript } from "../src/sql/parser/index.ts";
import { corpusScripts } from "./lib/sql-parse-corpus.ts";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "5" },
    "peer-mb": { type: "string" },
    rounds: { type: "string", default: "3" },
    "warmup-seconds": { type: "string" },
    // Internal: the child process that runs one contender.
    contender: { type: "string" },
  },
});
const TARGET_BYTES = positiveOption("mb", values.mb) * 1e6;
const PEER_BYTES = positiveOption("peer-mb", values["peer-mb"] ?? values.mb) * 1e6;
const ROUNDS = positiveOption("rounds", values.rounds, true);
const WARMUP_SECONDS =
  values["warmup-seconds"] === undefined
    ? undefined
    : positiveOption("warmup-seconds", values["warmup-seconds"]);

/** An option's value, a positive (whole) number; anything else ends the bench with a message. */
function positiveOption(name: string, text: string, whole = false): number {
  const n = Number(text);
  if (n > 0 && (!whole || Number.isInteger(n))) return n;
  console.error(`--${name} must be a positive ${whole ? "whole " : ""}number, not '${text}'`);
  process.exit(2);
}

interface Contender {
  readonly name: string;
  /** Loads what the contender needs (in its own process only) and returns its run over a text. */
  readonly prepare: () => Promise<(text: string) => void>;
}

const PEER = "dt-sql-parser FlinkSQL parse";

/**
 * The peer, then the steps of the front end, each timed over the whole text; later steps (binding)
 * are listed after parsing so the figures show what each costs on top of it.
 */
const contenders: Contender[] = [
  {
    name: PEER,
    prepare: async () => {
      const flink = new (await loadPeer())();
      // A listener that ignores errors: dt-sql-parser rejects some newer syntax (DISTRIBUTED BY,
      // $rowtime, FILTER, ...) and would otherwise print every error; it recovers and parses on.
      const ignoreErrors = (): void => {};
      return (text) => flink.parse(text, ignoreErrors);
    },
  },
  {
    name: "headwater parse",
    prepare: async () => (text) => {
      const { diagnostics } = parseScript({ name: "bench.sql", text });
      if (diagnostics.length > 0) throw new Error(`unexpected diagnostic: ${diagnostics[0]!.message}`);
    },
  },
  {
    // Each corpus script is bound against a fresh catalog, as `headwater sql check` binds a file.
    name: "headwater parse + bind",
    prepare: async () => (text) => {
      for (const script of text.split(SCRIPT_BREAK)) {
        const [checked] = checkSources([{ name: "bench.sql", text: script }], new SessionCatalog());
        if (checked!.diagnostics.length > 0)
          throw new Error(`unexpected diagnostic: ${checked!.diagnostics[0]!.message}`);
      }
    },
  },
];

/** dt-sql-parser's FlinkSQL class. */
async function loadPeer(): Promise<typeof import("dt-sql-parser").FlinkSQL> {
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
  return (await import("dt-sql-parser")).FlinkSQL;
}

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

/**
 * What the parent asks a contender's process: to take its text (the parent made it, so the peer's
 * process never runs our front end), then to run until it has used so many CPU seconds (once at
 * least: 0 asks for one timed run).
 */
type Request = { readonly text: string } | { readonly cpuSeconds: number };
/** Its answer: the text's size, and the runs' count and seconds (none for a text taken). */
interface Answer {
  readonly megabytes: number;
  readonly runs: number;
  readonly wall: number;
  readonly cpu: number;
}

if (values.contender === undefined) await compare();
else await serve(contenders.find((c) => c.name === values.contender)!);

/** A contender's process: prepares it, then answers the parent's requests until it is stopped. */
async function serve(contender: Contender): Promise<void> {
  const run = await contender.prepare();
  // A full collection before each run, so that none pays for the garbage of the one before.
  setFlagsFromString("--expose-gc");
  const collectGarbage = runInNewContext("gc") as () => void;
  let text = "";
  let megabytes = 0;
  process.on("message", (request: Request) => {
    if ("text" in request) {
      text = request.text;
      megabytes = Buffer.byteLength(text) / 1e6;
      process.send!({ megabytes, runs: 0, wall: 0, cpu: 0 } satisfies Answer);
      return;
    }
    let runs = 0;
    let wall = 0;
    let cpu = 0;
    do {
      collectGarbage();
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      run(text);
      const used = process.cpuUsage(cpuStart);
      wall += Number(process.hrtime.bigint() - start) / 1e9;
      cpu += (used.user + used.system) / 1e6;
      runs++;
    } while (cpu < request.cpuSeconds);
    process.send!({ megabytes, runs, wall, cpu } satisfies Answer);
  });
}

/** The parent: a process per contender, warmed up one after the other, then timed in interleaved rounds. */
async function compare(): Promise<void> {
  const text = corpusText();
  const children = contenders.map((c) =>
    fork(import.meta.filename, [...process.argv.slice(2), "--contender", c.name]),
  );
  try {
    for (const [i, child] of children.entries())
      await ask(child, { text: i === 0 ? prefix(text, PEER_BYTES) : text });
    const peerWarmUp = await ask(children[0]!, { cpuSeconds: 0 });
    const seconds = WARMUP_SECONDS ?? peerWarmUp.cpu;
    const warmUps = [peerWarmUp];
    for (const child of children.slice(1)) warmUps.push(await ask(child, { cpuSeconds: seconds }));
    const rounds: Answer[][] = contenders.map(() => []);
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, child] of children.entries()) rounds[i]!.push(await ask(child, { cpuSeconds: 0 }));
    report(warmUps, rounds);
  } finally {
    for (const child of children) child.kill();
  }
}

function ask(child: ChildProcess, request: Request): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null): void => reject(new Error(`a contender's process exited (${code})`));
    child.once("exit", exited);
    child.once("message", (answer: Answer) => {
      child.off("exit", exited);
      resolve(answer);
    });
    child.send(request);
  });
}

function report(warmUps: readonly Answer[], rounds: readonly Answer[][]): void {
  const best = (i: number, clock: "wall" | "cpu"): number => Math.min(...rounds[i]!.map((r) => r[clock]));
  const rate = (i: number, clock: "wall" | "cpu"): number => rounds[i]![0]!.megabytes / best(i, clock);
  console.log(
    `text: ${rounds[1]![0]!.megabytes.toFixed(2)} MB (peer: ${rounds[0]![0]!.megabytes.toFixed(2)} MB)`,
  );
  for (const [i, contender] of contenders.entries()) {
    const { runs, cpu } = warmUps[i]!;
    const first = rounds[i]![0]!;
    console.log(
      `  ${contender.name}: warmed up ${runs} run(s), ${cpu.toFixed(1)} s CPU; ` +
        `first timed round ${(first.megabytes / first.cpu).toFixed(2)} MB/s CPU`,
    );
  }
  console.log(`${PEER}: ${rate(0, "wall").toFixed(2)} MB/s wall, ${rate(0, "cpu").toFixed(2)} MB/s CPU`);
  for (let i = 1; i < contenders.length; i++) {
    const ratio = (clock: "wall" | "cpu"): string => (rate(i, clock) / rate(0, clock)).toFixed(1);
    console.log(
      `${contenders[i]!.name}: ${rate(i, "wall").toFixed(2)} MB/s wall = ${ratio("wall")}x, ` +
        `${rate(i, "cpu").toFixed(2)} MB/s CPU = ${ratio("cpu")}x dt-sql-parser (target >= 20x)`,
    );
  }
}
