// Measurements that need a process of their own — peak RSS and CPU time are per process, and one
// query's heap must not weigh on the next — run as a child script that reports one JSON value back.
import { spawn } from "node:child_process";

const MARKER = "@@bench-result ";

/** In the child: hands the measurement to the parent (one line on stdout). */
export function reportToParent(value: unknown): void {
  process.stdout.write(`${MARKER}${JSON.stringify(value)}\n`);
}

export type WorkerOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface WorkerOptions {
  /** Killed after this long; the outcome then says so. */
  readonly timeoutMs: number;
  /** V8 heap limit of the child; Node's default would stop a large benchmark short of the machine's memory. */
  readonly maxOldSpaceMb?: number;
  /** Lets the child call `gc()` to start a measurement without a predecessor's garbage. */
  readonly exposeGc?: boolean;
  /** Passes the child's stderr through as it comes (long runs report progress there). */
  readonly echoStderr?: boolean;
  /** Further Node flags of the child (e.g. `--cpu-prof` to see where a long run's time goes). */
  readonly nodeFlags?: readonly string[];
}

/** Runs `script` (a .ts file) in a fresh Node process and returns what it reported, or why it did not. */
export function runWorker<T>(
  script: string,
  args: readonly string[],
  options: WorkerOptions,
): Promise<WorkerOutcome<T>> {
  const flags = ["--experimental-strip-types", "--no-warnings=ExperimentalWarning"];
  if (options.maxOldSpaceMb) flags.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  if (options.exposeGc) flags.push("--expose-gc");
  if (options.nodeFlags) flags.push(...options.nodeFlags);
  const child = spawn(process.execPath, [...flags, script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  // Only the end of stderr is kept: it names the error when the child dies.
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    if (options.echoStderr) process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-4000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(MARKER));
      if (line !== undefined) {
        resolve({ ok: true, value: JSON.parse(line.slice(MARKER.length)) as T });
      } else if (timedOut) {
        resolve({ ok: false, error: `timed out after ${Math.round(options.timeoutMs / 1000)} s` });
      } else {
        const why = lastLines(stderr) || `exit code ${code ?? signal}`;
        resolve({ ok: false, error: `worker died (${code ?? signal}): ${why}` });
      }
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" / ");
}
