// Real peers for tests and benchmarks: Kafka, a Confluent-compatible schema registry (Apicurio) and an
// Apache Flink session cluster with its SQL Gateway, started through scripts/{kafka,schema-registry,flink}.sh.
//
// Each require*() starts its peer at most once per process (the scripts are idempotent and take a file
// lock, so parallel test workers share one broker / registry / cluster) and returns connection info.
// When no JDK 17+ is on PATH, suites declared with describeWithJava() are skipped with a visible
// message; with HEADWATER_REQUIRE_JAVA=1 a missing JDK is a test failure instead.
import { execFile, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "scripts");

export interface KafkaPeer {
  /** "127.0.0.1:19092" */
  bootstrap: string;
  /** the same, as the broker list most clients want */
  brokers: string[];
  port: number;
  version: string;
}

export interface RegistryPeer {
  /** Apicurio root, e.g. http://127.0.0.1:18085 */
  url: string;
  /** Confluent-compatible API root, e.g. http://127.0.0.1:18085/apis/ccompat/v7 */
  confluentUrl: string;
}

export interface FlinkPeer {
  /** JobManager REST (web UI, /jobs, /overview), e.g. http://127.0.0.1:18081 */
  restUrl: string;
  /** SQL Gateway REST, e.g. http://127.0.0.1:18083 (paths are prefixed with /v1 … /v3) */
  gatewayUrl: string;
  version: string;
}

export interface JavaStatus {
  ok: boolean;
  reason: string;
}

let javaStatusCache: JavaStatus | undefined;

/** Is a JDK 17+ available? (Checked once per process, synchronously, so suites can be skipped at collection.) */
export function javaStatus(): JavaStatus {
  if (javaStatusCache) return javaStatusCache;
  const r = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    javaStatusCache = { ok: false, reason: "java not found: install a JDK 17+ to run the real-peer tests" };
    return javaStatusCache;
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  let major = m ? Number(m[1]) : 0;
  if (major === 1 && m?.[2]) major = Number(m[2]);
  javaStatusCache =
    major >= 17
      ? { ok: true, reason: `java ${major}` }
      : { ok: false, reason: `java ${major || "?"} found, JDK 17+ required` };
  return javaStatusCache;
}

function requireJavaStrict(): boolean {
  return process.env.HEADWATER_REQUIRE_JAVA === "1";
}

/**
 * describe() for suites that need real peers. Without Java: skipped with a printed reason, or — when
 * HEADWATER_REQUIRE_JAVA=1 — replaced by one failing test that says why.
 */
export function describeWithJava(name: string, fn: () => void): void {
  const status = javaStatus();
  if (status.ok) {
    describe(name, fn);
    return;
  }
  if (requireJavaStrict()) {
    describe(name, () => {
      it("needs Java for its real peers (HEADWATER_REQUIRE_JAVA=1)", () => {
        throw new Error(status.reason);
      });
    });
    return;
  }
  console.warn(
    `[headwater] SKIPPED "${name}": ${status.reason} (set HEADWATER_REQUIRE_JAVA=1 to make this a failure)`,
  );
  describe.skip(name, fn);
}

export interface ScriptResult {
  stdout: string;
  stderr: string;
}

/** Run one of the peer scripts; rejects with the script's stderr (and exit code) when it fails. */
export function runScript(script: string, args: string[], timeoutMs = 15 * 60_000): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    execFile(
      join(SCRIPTS, script),
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: process.env },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
          reject(new Error(`scripts/${script} ${args.join(" ")} failed (exit ${String(code)}):\n${stderr}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/** Parse `export KEY=value` / `export KEY='value'` lines printed by a script's `env` command. */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m?.[1] || m[2] === undefined) continue;
    let v = m[2];
    if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

function must(env: Record<string, string>, key: string, script: string): string {
  const v = env[key];
  if (v === undefined) throw new Error(`scripts/${script} env did not print ${key}`);
  return v;
}

const started = new Map<string, Promise<Record<string, string>>>();

/** Start a peer (once per process) and return what its `env` command prints. */
function startPeer(script: string): Promise<Record<string, string>> {
  let p = started.get(script);
  if (!p) {
    p = (async () => {
      if (!javaStatus().ok) throw new Error(javaStatus().reason);
      await runScript(script, ["start"]);
      const { stdout } = await runScript(script, ["env"], 60_000);
      return parseEnv(stdout);
    })();
    // a failed start may be retried by the next caller
    p.catch(() => started.delete(script));
    started.set(script, p);
  }
  return p;
}

export async function requireKafka(): Promise<KafkaPeer> {
  const env = await startPeer("kafka.sh");
  const bootstrap = must(env, "HEADWATER_KAFKA_BOOTSTRAP", "kafka.sh");
  return {
    bootstrap,
    brokers: [bootstrap],
    port: Number(must(env, "HEADWATER_KAFKA_PORT", "kafka.sh")),
    version: must(env, "HEADWATER_KAFKA_VERSION", "kafka.sh"),
  };
}

export async function requireRegistry(): Promise<RegistryPeer> {
  const env = await startPeer("schema-registry.sh");
  return {
    url: must(env, "HEADWATER_REGISTRY_URL", "schema-registry.sh"),
    confluentUrl: must(env, "HEADWATER_SCHEMA_REGISTRY_URL", "schema-registry.sh"),
  };
}

export async function requireFlink(): Promise<FlinkPeer> {
  const env = await startPeer("flink.sh");
  return {
    restUrl: must(env, "HEADWATER_FLINK_REST_URL", "flink.sh"),
    gatewayUrl: must(env, "HEADWATER_FLINK_GATEWAY_URL", "flink.sh"),
    version: must(env, "HEADWATER_FLINK_VERSION", "flink.sh"),
  };
}

/** A name no earlier run used (peers keep their data between runs). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
