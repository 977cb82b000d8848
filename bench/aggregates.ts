/**
 * Aggregate function throughput on one core, each figure the best of RUNS, against two peers measured in
 * the same run:
 *  - "changelog": ROWS accumulates into GROUPS groups, then retraction of every other row (1.5 × ROWS
 *    operations), per function, against a hand-written running sum/count over Float64Arrays doing the
 *    same accumulate/retract loop — the floor for any per-row aggregate;
 *  - "insert-only": the same rows accumulated with the insert-only variants (no retraction) plus one
 *    getValue per group, against DuckDB's `SELECT g, f(v) FROM t GROUP BY g` over an identical table
 *    (rows/s of the whole query; DuckDB is vectorised and multi-threaded, so this is a ceiling, not a peer).
 *
 * Run: node_modules/.bin/node --experimental-strip-types bench/aggregates.ts [rows]
 */
import { loadavg } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";
import type { SqlValue } from "../src/common/value.ts";
import { type AggregateFunction, createAggregate } from "../src/engine/runtime/aggregates/index.ts";
import { t } from "../src/sql/types/constructors.ts";
import type { DataType } from "../src/sql/types/data-type.ts";
import { decimalAvgType, decimalSumType } from "../src/sql/types/decimal-rules.ts";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const GROUPS = 1000;
const RUNS = 3;

// The same deterministic data in JS and in DuckDB: g = i % GROUPS, v = (i * 7919) % 10007.
const groupOf = new Int32Array(ROWS);
const ints = new Float64Array(ROWS);
const strings: string[] = new Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  groupOf[i] = i % GROUPS;
  ints[i] = (i * 7919) % 10007;
  strings[i] = `s${ints[i]! % 1000}`;
}

interface Subject {
  label: string;
  name: string;
  type: DataType;
  result: DataType;
  value: (i: number) => SqlValue;
  distinct?: boolean;
  /** The DuckDB expression for the insert-only comparison, if any. */
  duck?: string;
}

const int = t.int();
const dec = t.decimal(10, 2);
const str = t.string();
const SUBJECTS: Subject[] = [
  {
    label: "COUNT(x)",
    name: "COUNT",
    type: int,
    result: t.bigint(false),
    value: (i) => ints[i]!,
    duck: "COUNT(v)",
  },
  { label: "SUM(INT)", name: "SUM", type: int, result: int, value: (i) => ints[i]!, duck: "SUM(v)" },
  {
    label: "SUM(DECIMAL)",
    name: "SUM",
    type: dec,
    result: decimalSumType(2),
    value: (i) => BigInt(ints[i]!),
  },
  { label: "AVG(INT)", name: "AVG", type: int, result: int, value: (i) => ints[i]!, duck: "AVG(v)" },
  {
    label: "AVG(DECIMAL)",
    name: "AVG",
    type: dec,
    result: decimalAvgType(2),
    value: (i) => BigInt(ints[i]!),
  },
  {
    label: "STDDEV_SAMP(DOUBLE)",
    name: "STDDEV_SAMP",
    type: t.double(),
    result: t.double(),
    value: (i) => ints[i]!,
    duck: "STDDEV_SAMP(v)",
  },
  { label: "MIN(INT)", name: "MIN", type: int, result: int, value: (i) => ints[i]!, duck: "MIN(v)" },
  {
    label: "MAX(STRING)",
    name: "MAX",
    type: str,
    result: str,
    value: (i) => strings[i]!,
    duck: "MAX('s' || (v % 1000))",
  },
  {
    label: "COUNT(DISTINCT x)",
    name: "COUNT",
    type: int,
    result: t.bigint(false),
    value: (i) => ints[i]!,
    distinct: true,
    duck: "COUNT(DISTINCT v)",
  },
  { label: "FIRST_VALUE(STRING)", name: "FIRST_VALUE", type: str, result: str, value: (i) => strings[i]! },
  { label: "LAST_VALUE(STRING)", name: "LAST_VALUE", type: str, result: str, value: (i) => strings[i]! },
  { label: "LISTAGG(STRING)", name: "LISTAGG", type: str, result: str, value: (i) => strings[i]! },
  { label: "ARRAY_AGG(INT)", name: "ARRAY_AGG", type: int, result: t.array(int), value: (i) => ints[i]! },
  {
    label: "COLLECT(STRING)",
    name: "COLLECT",
    type: str,
    result: t.multiset(str, false),
    value: (i) => strings[i]!,
  },
  { label: "JSON_ARRAYAGG(INT)", name: "JSON_ARRAYAGG", type: int, result: str, value: (i) => ints[i]! },
];

function build(s: Subject, retraction: boolean): AggregateFunction {
  return createAggregate({
    name: s.name,
    argTypes: [s.type],
    resultType: s.result,
    distinct: s.distinct ?? false,
    ignoreNulls: false,
    retraction,
  });
}

/** Best of RUNS in operations per second; `work` returns a number so the JIT keeps the loop. */
function measure(operations: number, work: () => number): number {
  let best = 0;
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    sink += work();
    best = Math.max(best, operations / ((performance.now() - start) / 1000));
  }
  if (sink === -1) console.log(sink);
  return best;
}

const CHANGELOG_OPS = ROWS + ROWS / 2;

function changelog(s: Subject): number {
  const fn = build(s, true);
  return measure(CHANGELOG_OPS, () => {
    const accs = Array.from({ length: GROUPS }, () => fn.createAccumulator());
    const args: SqlValue[] = [null];
    for (let i = 0; i < ROWS; i++) {
      args[0] = s.value(i);
      fn.accumulate(accs[groupOf[i]!], args);
    }
    for (let i = 0; i < ROWS; i += 2) {
      args[0] = s.value(i);
      fn.retract(accs[groupOf[i]!], args);
    }
    return accs.length;
  });
}

function plainLoop(): number {
  return measure(CHANGELOG_OPS, () => {
    const sums = new Float64Array(GROUPS);
    const counts = new Float64Array(GROUPS);
    for (let i = 0; i < ROWS; i++) {
      sums[groupOf[i]!]! += ints[i]!;
      counts[groupOf[i]!]!++;
    }
    for (let i = 0; i < ROWS; i += 2) {
      sums[groupOf[i]!]! -= ints[i]!;
      counts[groupOf[i]!]!--;
    }
    return sums[0]! + counts[0]!;
  });
}

function insertOnly(s: Subject): number {
  const fn = build(s, false);
  return measure(ROWS, () => {
    const accs = Array.from({ length: GROUPS }, () => fn.createAccumulator());
    const args: SqlValue[] = [null];
    for (let i = 0; i < ROWS; i++) {
      args[0] = s.value(i);
      fn.accumulate(accs[groupOf[i]!], args);
    }
    let n = 0;
    for (const acc of accs) if (fn.getValue(acc) !== null) n++;
    return n;
  });
}

const db = await DuckDBInstance.create();
const duck = await db.connect();
await duck.run(
  `CREATE TABLE t AS SELECT (i % ${GROUPS})::INT AS g, ((i * 7919) % 10007)::INT AS v FROM range(${ROWS}) r(i)`,
);

async function duckGroupBy(expression: string): Promise<number> {
  let best = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await duck.runAndReadAll(`SELECT g, ${expression} FROM t GROUP BY g`);
    best = Math.max(best, ROWS / ((performance.now() - start) / 1000));
  }
  return best;
}

const fmt = (perSecond: number): string => `${(perSecond / 1e6).toFixed(2)} M/s`;
const loop = plainLoop();
console.log(
  `${ROWS} rows in ${GROUPS} groups; changelog = ${CHANGELOG_OPS} accumulate/retract operations; load average ${loadavg()[0]!.toFixed(1)} (figures are noisy when the machine is busy)`,
);
console.log(`  plain-loop running sum (changelog peer):  ${fmt(loop)}`);
console.log(
  `  ${"function".padEnd(22)} ${"changelog".padStart(11)} ${"÷ loop".padStart(8)} ${"insert-only".padStart(12)} ${"DuckDB".padStart(11)} ${"÷ DuckDB".padStart(9)}`,
);
for (const s of SUBJECTS) {
  const ours = changelog(s);
  const insert = insertOnly(s);
  const peer = s.duck === undefined ? undefined : await duckGroupBy(s.duck);
  console.log(
    `  ${s.label.padEnd(22)} ${fmt(ours).padStart(11)} ${`${(ours / loop).toFixed(3)}×`.padStart(8)} ${fmt(insert).padStart(12)} ${
      peer === undefined ? "".padStart(11) : fmt(peer).padStart(11)
    } ${peer === undefined ? "" : `${(insert / peer).toFixed(3)}×`.padStart(9)}`,
  );
}
duck.closeSync();
