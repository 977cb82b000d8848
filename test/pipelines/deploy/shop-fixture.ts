import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES } from "../golden.ts";

/** The shop project of test/fixtures/pipelines/deploy-shop, copied so a test may edit it. */
export function copyShop(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "hw-deploy-")), "shop");
  cpSync(join(FIXTURES, "deploy-shop"), dir, { recursive: true });
  return dir;
}

/** Replaces text in one file of a project (to break a statement on purpose). */
export function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

export const INT_DDL =
  "pipelines/intermediates/shop/customer_totals/sql-scripts/ddl.int_shop_customer_totals.sql";

/** Deterministic raw orders: names with stray spaces and mixed case, refunds (negative) and empty orders. */
export function rawOrders(count: number): [number, string, number][] {
  const names = ["ada", " Bob", "cy ", "DEE", "eve", "Ada", "bob"];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => [
    i + 1,
    names[Math.floor(next() * names.length)]!,
    Math.floor(next() * 200) - 50,
  ]);
}

export function valuesSql(rows: readonly [number, string, number][]): string {
  return rows.map(([id, name, amount]) => `(${id}, '${name}', ${amount})`).join(", ");
}
