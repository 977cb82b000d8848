// Start-up cost of the CLI against the start-up of Node itself, measured in the same run: each
// command and `node -e 0` run as child processes of the same Node binary, alternately, several
// times; the median CPU time (user + system, reported by the child at exit) and wall time of each
// are printed with the ratio to `node -e 0`. Median, because the machine is shared and noisy.
//
//   node --experimental-strip-types bench/cli-startup.ts [rounds]
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ROUNDS = Number(process.argv[2] ?? 7);
const ROOT = resolve(import.meta.dirname, "..");
const MAIN = resolve(ROOT, "src", "cli", "main.ts");
const MARK = "cli-startup-cpu:";
// Preloaded into every child alike: the child's own CPU time at exit, on stderr.
const REPORT_CPU = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("${MARK}"+(u.user+u.system)+"\\n")})`;

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

const PEER: Case = { name: "node -e 0", args: ["-e", "0"] };
const CASES: readonly Case[] = [
  { name: "headwater --help", args: [MAIN, "--help"] },
  { name: "headwater deploy --help", args: [MAIN, "deploy", "--help"] },
  { name: 'headwater sql -e "SELECT 1"', args: [MAIN, "sql", "-e", "SELECT 1"] },
];

interface Sample {
  readonly cpuMs: number;
  readonly wallMs: number;
}

function run(c: Case): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--no-warnings", "--import", REPORT_CPU, ...c.args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${c.name} exited ${child.status}: ${child.stderr}`);
  const line = child.stderr.split("\n").find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`${c.name} did not report its CPU time: ${child.stderr}`);
  return { cpuMs: Number(line.slice(MARK.length)) / 1000, wallMs };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const samples = new Map<Case, Sample[]>([PEER, ...CASES].map((c) => [c, []]));
for (let round = 0; round < ROUNDS; round++) for (const c of [PEER, ...CASES]) samples.get(c)!.push(run(c));

const peerCpu = median(samples.get(PEER)!.map((s) => s.cpuMs));
const peerWall = median(samples.get(PEER)!.map((s) => s.wallMs));
console.log(`CLI start-up, median of ${ROUNDS} runs each (ratio against node -e 0 in the same run)`);
for (const c of [PEER, ...CASES]) {
  const cpu = median(samples.get(c)!.map((s) => s.cpuMs));
  const wall = median(samples.get(c)!.map((s) => s.wallMs));
  console.log(
    `${c.name.padEnd(30)} cpu ${cpu.toFixed(0).padStart(5)} ms (${(cpu / peerCpu).toFixed(1).padStart(5)}x)` +
      `   wall ${wall.toFixed(0).padStart(5)} ms (${(wall / peerWall).toFixed(1).padStart(5)}x)`,
  );
}
