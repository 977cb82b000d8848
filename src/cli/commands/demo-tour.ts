import { renderDiagnostic } from "../../common/diagnostic.ts";
import type { Row } from "../../common/value.ts";
import { generateRetail, type RetailDataSetName, retailTableSql } from "../../connectors/retail/index.ts";
import { createEngine, formatRow, QueryResult } from "../../engine/index.ts";
import { checkSources } from "../../sql/check.ts";
import { fail } from "../exit.ts";

const LOADED: readonly RetailDataSetName[] = ["customers", "transactions"];

const SPEND_BY_CUSTOMER = `SELECT customer_id,
       COUNT(*) AS purchases,
       SUM(total_amount) AS spend,
       MAX(transaction_date) AS last_purchase
FROM transactions
GROUP BY customer_id`;

const SPEND_BY_CHANNEL = `SELECT channel, COUNT(DISTINCT customer_id) AS customers, SUM(total_amount) AS revenue
FROM transactions
GROUP BY channel`;

export async function runDemo(customers: number, seed: number): Promise<void> {
  const say = (text = ""): void => void process.stdout.write(`${text}\n`);
  const generation = generateRetail({ seed, customers });
  const rows = new Map<RetailDataSetName, Row[]>(LOADED.map((name) => [name, []]));
  let malformed = 0;
  for (const event of generation) {
    if (event.malformed) malformed++;
    else rows.get(event.dataSet)?.push(event.row);
  }
  say(
    `1. Generated the retail data sets for ${customers} customers (seed ${seed}); ${malformed} malformed rows set aside.`,
  );
  for (const [name, loaded] of rows) say(`   ${name}: ${loaded.length} rows`);

  const engine = createEngine();
  for (const name of LOADED) {
    await engine.execute(retailTableSql(name));
    engine.insertRows(name, rows.get(name)!);
  }

  say("\n2. Spend per customer, computed incrementally (first 10 rows of the result):");
  say(indent(SPEND_BY_CUSTOMER));
  const result = await engine.execute(SPEND_BY_CUSTOMER);
  if (!(result instanceof QueryResult)) throw new Error("the demo query did not return rows");
  const table = result.table();
  const types = result.columns.map((c) => c.type);
  say(`   ${result.columns.map((c) => c.name).join(", ")}`);
  for (const row of table.slice(0, 10)) say(`   ${formatRow(row, types)}`);
  const changes = result.changelog();
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  say(
    `   ${table.length} customers; the changelog behind it has ${changes.length} rows: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")} — every update retracts the old row first, as Flink does.`,
  );

  say("\n3. The plan, with each operator's changelog mode:");
  const explained = await engine.execute(`EXPLAIN ${SPEND_BY_CHANNEL}`);
  if (!(explained instanceof QueryResult) && explained.kind === "explain") say(indent(explained.plan));

  say("\n4. A mistake, as `headwater sql check` reports it:");
  const wrong = {
    name: "wrong.sql",
    text: "SELECT custmer_id, SUM(total_amount)\nFROM transactions\nGROUP BY customer_id;\n",
  };
  const ddl = { name: "ddl.sql", text: `${LOADED.map((n) => retailTableSql(n)).join(";\n")};` };
  const [, checked] = checkSources([ddl, wrong]);
  for (const d of checked!.diagnostics) say(indent(renderDiagnostic(wrong, d)));

  say(
    '\nNext: `npx headwater sql -e "SELECT ..."` runs your own Flink SQL; `npx headwater --help` lists every command.',
  );
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `   ${line}`)
    .join("\n");
}

export function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) fail(`${option} must be a positive integer, not '${text}'`);
  return value;
}
