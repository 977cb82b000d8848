/**
 * Compiled expression speed: a Nexmark-like projection and filter over bid rows, against the same
 * computation hand-written in plain JS over the same arrays (the ceiling a code generator can reach),
 * measured in the same run. Ratio = compiled / hand-written rows per second.
 *
 *   SELECT auction, price * 0.908, CASE WHEN price > 5000 THEN 'high' ELSE 'low' END, LOWER(channel)
 *   FROM bid WHERE MOD(auction, 123) = 0
 *
 * Run: node_modules/.bin/node --experimental-strip-types bench/expr-eval.ts [rows]
 */
import type { Row } from "../src/common/value.ts";
import { compilePredicate, compileProjection, createEvalContext } from "../src/engine/runtime/expr/index.ts";
import type { BoundExpr } from "../src/sql/binder/bound.ts";
import { checkSources } from "../src/sql/check.ts";

const ROWS = Number(process.argv[2] ?? 5_000_000);
const RUNS = 5;

const SQL = `CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING,
  dateTime TIMESTAMP(3), extra STRING) WITH ('connector' = 'datagen');
SELECT auction, price * 0.908, CASE WHEN price > 5000 THEN 'high' ELSE 'low' END, LOWER(channel)
FROM bid WHERE MOD(auction, 123) = 0;`;

function bind(): { projections: readonly BoundExpr[]; where: BoundExpr } {
  const [checked] = checkSources([{ name: "bench.sql", text: SQL }]);
  const bound = checked!.statements[1]!.bound!;
  if (bound.kind !== "query" || bound.query.body.kind !== "select" || !bound.query.body.where)
    throw new Error(
      `cannot bind the benchmark query: ${checked!.diagnostics.map((d) => d.message).join("; ")}`,
    );
  return { projections: bound.query.body.projections, where: bound.query.body.where };
}

const CHANNELS = ["Google", "Facebook", "Baidu", "Apple"];
const rows: Row[] = new Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  rows[i] = [
    1000 + (i % 10_007),
    i % 50_000,
    (i * 7919) % 10_000,
    CHANNELS[i & 3]!,
    "https://x",
    1_436_918_400_000 + i,
    "",
  ];
}

const env = { columnIndex: (ref: { column: number }) => ref.column };
const ctx = createEvalContext({ seed: 1 });
const { projections, where } = bind();
const project = compileProjection(projections, env);
const filter = compilePredicate(where, env);

/** The same query by hand: DECIMAL(23, 3) as a scaled bigint, Java MOD, the CASE and LOWER. */
function handProject(row: Row): Row {
  const auction = row[0] as number | null;
  const price = row[2] as number | null;
  const channel = row[3] as string | null;
  return [
    auction,
    price === null ? null : BigInt(price) * 908n,
    price !== null && price > 5000 ? "high" : "low",
    channel === null ? null : channel.toLowerCase(),
  ];
}

function handFilter(row: Row): boolean {
  const auction = row[0] as number | null;
  return auction !== null && auction % 123 === 0;
}

function measure(work: () => number): number {
  let best = 0;
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    sink += work();
    best = Math.max(best, ROWS / ((performance.now() - start) / 1000));
  }
  if (sink === -1) console.log(sink);
  return best;
}

function filterThenProject(f: (row: Row) => boolean, p: (row: Row) => Row): number {
  let kept = 0;
  for (let i = 0; i < ROWS; i++) {
    const row = rows[i]!;
    if (f(row)) kept += p(row).length;
  }
  return kept;
}

function projectAll(p: (row: Row) => Row): number {
  let n = 0;
  for (let i = 0; i < ROWS; i++) n += p(rows[i]!).length;
  return n;
}

const compiledFilter = measure(() =>
  filterThenProject(
    (r) => filter(r, ctx),
    (r) => project(r, ctx),
  ),
);
const handFilterRate = measure(() => filterThenProject(handFilter, handProject));
const compiledProject = measure(() => projectAll((r) => project(r, ctx)));
const handProjectRate = measure(() => projectAll(handProject));

const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M rows/s`;
console.log(`rows: ${ROWS.toLocaleString()}, best of ${RUNS}`);
console.log(
  `filter + projection  compiled ${fmt(compiledFilter)}  hand-written ${fmt(handFilterRate)}  ratio ${(compiledFilter / handFilterRate).toFixed(2)}`,
);
console.log(
  `projection (all rows) compiled ${fmt(compiledProject)}  hand-written ${fmt(handProjectRate)}  ratio ${(compiledProject / handProjectRate).toFixed(2)}`,
);
