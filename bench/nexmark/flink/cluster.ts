// The benchmark's own Flink 1.20 session cluster (scripts/flink.sh on ports of its own): its CPU time
// and memory are then the benchmark's alone, not shared with tests other people run on the default
// cluster, and its start-up cost can be measured.
import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseEnv } from "../../../test/infra/peers.ts";

const FLINK_SH = fileURLToPath(new URL("../../../scripts/flink.sh", import.meta.url));

/**
 * Ports beside the default cluster's (18081/16123/18083); a TaskManager large enough to hold the
 * stateful queries' state on the heap (hashmap backend) with a slot per parallel task; and Nexmark's
 * usual 3-minute checkpoint interval, so checkpoints do not dominate a bounded run.
 */
export const BENCH_FLINK_ENV: Readonly<Record<string, string>> = {
  HEADWATER_FLINK_REST_PORT: "18181",
  HEADWATER_FLINK_RPC_PORT: "16223",
  HEADWATER_FLINK_GATEWAY_PORT: "18183",
  HEADWATER_FLINK_SLOTS: "2",
  HEADWATER_FLINK_TM_MEMORY: "3072m",
  HEADWATER_FLINK_CHECKPOINT_INTERVAL: "3min",
};

export interface FlinkCluster {
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly version: string;
  readonly jobManagerPid: number;
  readonly taskManagerPid: number;
  /** Seconds `flink.sh start` took; undefined when the cluster was already running. */
  readonly startupSeconds: number | undefined;
}

/** Runs scripts/flink.sh for the cluster `env` selects (the benchmark's by default). */
function flinkSh(
  args: readonly string[],
  env: Readonly<Record<string, string>> = BENCH_FLINK_ENV,
  timeoutMs = 15 * 60_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      FLINK_SH,
      args,
      { timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && args[0] !== "status")
          reject(new Error(`scripts/flink.sh ${args.join(" ")}: ${stderr.trim()}`));
        else resolve(stdout);
      },
    );
  });
}

/** Starts the benchmark's cluster unless it runs already (first use downloads Flink: not timed). */
export async function startBenchFlink(): Promise<FlinkCluster> {
  await flinkSh(["provision"]);
  const running = /^flink: running/.test(await flinkSh(["status"]));
  const started = performance.now();
  if (!running) await flinkSh(["start"]);
  const startupSeconds = running ? undefined : (performance.now() - started) / 1000;
  return { ...(await runningFlinkCluster(BENCH_FLINK_ENV)), startupSeconds };
}

/** A running cluster's addresses and processes; `env` selects it ({} for the default test cluster). */
export async function runningFlinkCluster(
  env: Readonly<Record<string, string>>,
): Promise<Omit<FlinkCluster, "startupSeconds">> {
  const exported = parseEnv(await flinkSh(["env"], env));
  const status = await flinkSh(["status"], env);
  const pid = (component: string): number => {
    const match = new RegExp(`${component}=pid:(\\d+)`).exec(status);
    if (!match) throw new Error(`scripts/flink.sh status names no ${component} pid: ${status.trim()}`);
    return Number(match[1]);
  };
  return {
    restUrl: required(exported, "HEADWATER_FLINK_REST_URL"),
    gatewayUrl: required(exported, "HEADWATER_FLINK_GATEWAY_URL"),
    version: required(exported, "HEADWATER_FLINK_VERSION"),
    jobManagerPid: pid("flink-jm"),
    taskManagerPid: pid("flink-tm"),
  };
}

/** Stops the benchmark's cluster, synchronously: also from a signal handler, where nothing awaits. */
export function stopBenchFlinkNow(): void {
  spawnSync(FLINK_SH, ["stop"], {
    env: { ...process.env, ...BENCH_FLINK_ENV },
    stdio: "ignore",
    timeout: 120_000,
  });
}

function required(env: Record<string, string>, key: string): string {
  const value = env[key];
  if (value === undefined) throw new Error(`scripts/flink.sh env printed no ${key}`);
  return value;
}
