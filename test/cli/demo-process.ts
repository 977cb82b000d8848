// The `headwater demo c360` process as tests drive it: started with --json, its JSON lines read as
// they come, killed after each test.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { afterEach, expect } from "vitest";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
export const SERVERS = ["--port", "0", "--sql-port", "0"];

export const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--no-warnings", main, "demo", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

export interface Line {
  readonly type: "ready" | "summary" | "stopped";
  readonly [field: string]: unknown;
}

export type Start =
  | { readonly kind: "built"; readonly ms: number; readonly statements: number }
  | {
      readonly kind: "resumed";
      readonly ms: number;
      readonly buildMs: number;
      readonly restored: string[];
      readonly rebuilt: string[];
      readonly rawRestored: number;
      readonly rawReread: number;
      readonly recordsReread: number;
    };

export interface Ready extends Line {
  readonly rest: string;
  readonly product: string;
  readonly sql: { host: string; port: number };
  readonly resumed_events: number;
  readonly start: Start;
  readonly view: { rows: number; sha256: string };
}

export interface Stopped extends Line {
  readonly reason: string;
  readonly kpis: { customers: number };
  readonly events: { history: number; live: number };
  readonly view: { rows: number; sha256: string; changes: number };
}

/** A running demo with its JSON lines read as they come. */
export class Demo {
  readonly child: ChildProcess;
  private readonly lines: Interface;
  private readonly seen: Line[] = [];
  private waiting: (() => void) | undefined;
  stderr = "";

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, ["--no-warnings", main, "demo", "c360", ...args, "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stderr!.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    this.lines = createInterface({ input: this.child.stdout! });
    this.lines.on("line", (text) => {
      this.seen.push(JSON.parse(text) as Line);
      this.waiting?.();
    });
  }

  async next<T extends Line>(type: T["type"]): Promise<T> {
    for (;;) {
      const found = this.seen.find((l) => l.type === type);
      if (found) {
        this.seen.splice(this.seen.indexOf(found), 1);
        return found as T;
      }
      if (this.child.exitCode !== null) throw new Error(`demo exited before a ${type} line: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  async exit(): Promise<number> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const [code] = (await once(this.child, "exit")) as [number];
    return code;
  }
}

const running: Demo[] = [];
afterEach(() => {
  for (const demo of running.splice(0)) demo.child.kill("SIGKILL");
});

export function start(...args: string[]): Demo {
  const demo = new Demo(args);
  running.push(demo);
  return demo;
}

/** A bounded run (`--once`, `--max-events`) to its end: its JSON lines. */
export function runOnce(state: string, ...args: string[]): Line[] {
  const result = run(
    "c360",
    "--state-dir",
    state,
    ...SERVERS,
    "--json",
    ...(args.length > 0 ? args : ["--once"]),
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
}

export const stateDir = () => mkdtempSync(join(tmpdir(), "headwater-demo-"));
