// The Nexmark views as Flink tables over the benchmark's CSV files: the views' columns, the corpus
// DDL's watermark, read by Flink's filesystem connector as bounded sources.
import { join } from "node:path";
import {
  AUCTION_FIELDS,
  BID_FIELDS,
  NEXMARK_WATERMARK,
  type NexmarkField,
  PERSON_FIELDS,
} from "../../../src/connectors/nexmark/index.ts";

const ENTITIES: readonly (readonly [string, readonly NexmarkField[]])[] = [
  ["person", PERSON_FIELDS],
  ["auction", AUCTION_FIELDS],
  ["bid", BID_FIELDS],
];

/** CREATE TABLE person / auction / bid over `<dataDir>/<name>.csv`. */
export function flinkSourceTablesSql(dataDir: string): string[] {
  return ENTITIES.map(([name, fields]) => {
    const columns = fields.map((f) => `  \`${f.name}\` ${f.type}`);
    return [
      `CREATE TABLE ${name} (`,
      `${columns.join(",\n")},`,
      `  WATERMARK FOR \`dateTime\` AS ${NEXMARK_WATERMARK}`,
      `) WITH ('connector' = 'filesystem', 'path' = 'file://${join(dataDir, `${name}.csv`)}', 'format' = 'csv')`,
    ].join("\n");
  });
}

/** One job reading every file into blackholes: the cost of parsing the CSV input alone. */
export function flinkScanScript(): string[] {
  const sinks = ENTITIES.map(
    ([name, fields]) =>
      `CREATE TABLE ${name}_scan (${fields.map((f) => `\`${f.name}\` ${f.type}`).join(", ")}) WITH ('connector' = 'blackhole')`,
  );
  const inserts = ENTITIES.map(([name]) => `INSERT INTO ${name}_scan SELECT * FROM ${name};`);
  return [...sinks, `EXECUTE STATEMENT SET BEGIN\n${inserts.join("\n")}\nEND`];
}
