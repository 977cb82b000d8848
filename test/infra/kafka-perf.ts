// Kafka's own perf tools (kafka-producer-perf-test / kafka-consumer-perf-test) through scripts/kafka.sh,
// with their output parsed: the peer numbers benchmarks print ratios against.
import { runScript } from "./peers.ts";

export interface ProducerPerfResult {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ConsumerPerfResult {
  mb: number;
  mbPerSec: number;
  records: number;
  recordsPerSec: number;
  rebalanceMs: number;
  fetchMs: number;
  fetchRecordsPerSec: number;
}

/** Parse ProducerPerformance's final summary line. */
export function parseProducerPerf(output: string): ProducerPerfResult {
  const lines = output.split("\n").filter((l) => /records sent/.test(l));
  const last = lines.at(-1);
  const m = last
    ? /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th/.exec(
        last.trim(),
      )
    : null;
  if (!m) throw new Error(`unexpected kafka-producer-perf-test output:\n${output.slice(-2000)}`);
  return {
    records: Number(m[1]),
    recordsPerSec: Number(m[2]),
    mbPerSec: Number(m[3]),
    avgLatencyMs: Number(m[4]),
    maxLatencyMs: Number(m[5]),
    p50Ms: Number(m[6]),
    p99Ms: Number(m[7]),
  };
}

/** Parse ConsumerPerformance's CSV line (header: start.time, end.time, data.consumed.in.MB, MB.sec, …). */
export function parseConsumerPerf(output: string): ConsumerPerfResult {
  const lines = output.split("\n").map((l) => l.trim());
  const header = lines.findIndex((l) => l.startsWith("start.time"));
  const row = header >= 0 ? lines[header + 1] : undefined;
  const f = row?.split(",").map((s) => s.trim());
  if (!f || f.length < 10)
    throw new Error(`unexpected kafka-consumer-perf-test output:\n${output.slice(-2000)}`);
  const n = (i: number) => Number(f[i]);
  return {
    mb: n(2),
    mbPerSec: n(3),
    records: n(4),
    recordsPerSec: n(5),
    rebalanceMs: n(6),
    fetchMs: n(7),
    fetchRecordsPerSec: n(9),
  };
}

/** `scripts/kafka.sh perf-produce --topic … --num-records … --record-size … --throughput -1 [extra…]` */
export async function producerPerf(
  topic: string,
  records: number,
  recordSize: number,
  extra: string[] = [],
): Promise<ProducerPerfResult> {
  const { stdout } = await runScript("kafka.sh", [
    "perf-produce",
    "--topic",
    topic,
    "--num-records",
    String(records),
    "--record-size",
    String(recordSize),
    "--throughput",
    "-1",
    ...extra,
  ]);
  return parseProducerPerf(stdout);
}

/** `scripts/kafka.sh perf-consume --topic … --messages … [extra…]` */
export async function consumerPerf(
  topic: string,
  messages: number,
  extra: string[] = [],
): Promise<ConsumerPerfResult> {
  const { stdout } = await runScript("kafka.sh", [
    "perf-consume",
    "--topic",
    topic,
    "--messages",
    String(messages),
    "--timeout",
    "30000",
    ...extra,
  ]);
  return parseConsumerPerf(stdout);
}
