// What V8's JIT does while the SQL front end parses and binds: runs the bench corpus (passes of ~1 MB,
// as bench/sql-parse-ab.ts's passes) in a child with --trace-opt --trace-deopt-verbose and counts, per
// ten passes, Maglev and TurboFan compilations and deoptimizations; then lists the deoptimizations
// after the warm-up by function and by site (file:line:col and the inlining chain). A deoptimization
// that recurs late, or compilations that do not die down, cost the bench CPU time on compiler threads.
// No peer: this is a diagnostic, not a measurement.
//
//   node bench/sql-parse-jit.ts [--passes 40] [--from 10] [--tree DIR]
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadFrontEnd } from "./lib/sql-parse-corpus.ts";

const { values } = parseArgs({
  options: {
    passes: { type: "string", default: "40" },
    from: { type: "string", default: "10" },
    tree: { type: "string", default: join(import.meta.dirname, "..") },
    child: { type: "boolean", default: false },
  },
});
const PASS_MARK = "@@pass ";

if (values.child) await runPasses(values.tree, Number(values.passes));
else report(traceChild());

/** The child: passes over the corpus, each announced on stdout so the trace lines can be binned. */
async function runPasses(dir: string, passes: number): Promise<void> {
  const { check, scripts } = await loadFrontEnd(dir);
  const bytes = scripts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const repeats = Math.ceil(1e6 / bytes);
  for (let pass = 0; pass < passes; pass++) {
    console.log(`${PASS_MARK}${pass}`);
    for (let r = 0; r < repeats; r++)
      for (const text of scripts) if (check(text) !== 0) throw new Error("a corpus script stopped binding");
  }
}

function traceChild(): string[] {
  const args = ["--trace-opt", "--trace-deopt-verbose", "--no-warnings", import.meta.filename, "--child"];
  args.push("--passes", values.passes, "--tree", values.tree);
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (child.status !== 0) throw new Error(`the traced child failed: ${child.stderr}`);
  return child.stdout.split("\n");
}

function report(lines: readonly string[]): void {
  const from = Number(values.from);
  const perTen = new Map<number, { maglev: number; turbofan: number; deopts: number }>();
  const deoptsByFunction = new Map<string, number>();
  const deoptsBySite = new Map<string, number>();
  const count = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const source = /file:\/\/\/\S*?\/src\//g;
  let pass = -1;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith(PASS_MARK)) {
      pass = Number(line.slice(PASS_MARK.length));
      continue;
    }
    if (pass < 0) continue;
    const bin = perTen.get(Math.floor(pass / 10)) ?? { maglev: 0, turbofan: 0, deopts: 0 };
    perTen.set(Math.floor(pass / 10), bin);
    const compiled = /^\[completed compiling .* \(target (MAGLEV|TURBOFAN_JS)\)/.exec(line);
    if (compiled) {
      if (compiled[1] === "MAGLEV") bin.maglev++;
      else bin.turbofan++;
      continue;
    }
    const deopt =
      /^\[bailout \(kind: ([^,]+), reason: ([^)]+)\): .*?<JSFunction (.*?) ?\(sfi.*?<Code (\w+)>/.exec(line);
    if (!deopt) continue;
    bin.deopts++;
    if (pass < from) continue;
    const fn = `${deopt[3] || "(anonymous)"} (${deopt[4]})`;
    const site = /deoptimize at (.*)$/.exec(lines[i + 1] ?? "")?.[1]?.replaceAll(source, "") ?? "?";
    count(deoptsByFunction, fn);
    count(deoptsBySite, `${fn}: ${deopt[2]} at ${site}`);
  }
  console.log("passes   Maglev  TurboFan  deopts");
  for (const [ten, bin] of [...perTen].sort((a, b) => a[0] - b[0]))
    console.log(
      `${`${ten * 10}-${ten * 10 + 9}`.padEnd(8)} ${String(bin.maglev).padStart(6)} ${String(bin.turbofan).padStart(9)} ${String(bin.deopts).padStart(7)}`,
    );
  const top = (title: string, map: Map<string, number>): void => {
    console.log(`${title} (passes ${from}+): ${map.size === 0 ? "none" : ""}`);
    for (const [key, n] of [...map].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${n}  ${key}`);
  };
  top("deoptimizations by function", deoptsByFunction);
  top("deoptimizations by site", deoptsBySite);
}
