// One Nexmark query on DuckDB as batch, in a process of its own (see bench/lib/worker.ts): the CSV
// files loaded first (timed apart), then the oracle query timed without its final sort, then its
// sorted rows written for the cross-check.
//   worker.ts --query q5 --data-dir DIR --events N --threads 1 [--result-file FILE] [--result-only]
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { writeResultFile } from "../../lib/result-rows.ts";
import { reportToParent } from "../../lib/worker.ts";
import { type SystemOutcome, throughputOf } from "../report/model.ts";
import { loadNexmarkTables, oracleSql, readOracleRows } from "./run.ts";

const { values } = parseArgs({
  options: {
    query: { type: "string" },
    "data-dir": { type: "string" },
    events: { type: "string" },
    threads: { type: "string", default: "1" },
    "result-file": { type: "string" },
    "result-only": { type: "boolean", default: false },
  },
});
const query = values.query!;
const dataDir = values["data-dir"]!;
const events = Number(values.events);

const instance = await DuckDBInstance.create(":memory:", { threads: values.threads! });
const connection = await instance.connect();
const loadStarted = performance.now();
await loadNexmarkTables(connection, query, dataDir);
const loadSeconds = (performance.now() - loadStarted) / 1000;

let outcome: SystemOutcome;
if (values["result-only"]) {
  outcome = { status: "skipped", reason: "result only" };
} else {
  const cpu = process.cpuUsage();
  const started = performance.now();
  // run() materializes the result inside DuckDB; reading it into JavaScript values is not timed.
  await connection.run(oracleSql(query, { sorted: false }));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  outcome = {
    status: "ok",
    throughput: throughputOf(events, seconds, (used.user + used.system) / 1e6, peakRss),
    loadSeconds,
  };
}
if (values["result-file"]) {
  const rows = writeResultFile(values["result-file"], await readOracleRows(connection, query));
  if (outcome.status === "ok") outcome = { ...outcome, resultRows: rows };
}
connection.closeSync();
instance.closeSync();
reportToParent(outcome);
