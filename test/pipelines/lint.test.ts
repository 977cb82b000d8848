import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/pipelines/config/load-config.ts";
import { lintProject } from "../../src/pipelines/lint/lint-project.ts";
import { writeMetadata } from "../../src/pipelines/metadata/write-metadata.ts";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { C360 } from "./golden.ts";

const WITH = `WITH ('changelog.mode' = 'upsert', 'kafka.cleanup-policy' = 'compact',
  'key.avro-registry.schema-context' = '.flink-dev', 'value.avro-registry.schema-context' = '.flink-dev')`;

/** A one-product project: an append source and a fact counting per customer into `primaryKey`. */
function countingProject(primaryKey: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hw-lint-"));
  const write = (folder: string, name: string, ddl: string, dml?: string) => {
    const scripts = join(dir, "pipelines", folder, "sql-scripts");
    mkdirSync(scripts, { recursive: true });
    writeFileSync(join(scripts, `ddl.${name}.sql`), ddl);
    if (dml) writeFileSync(join(scripts, `dml.${name}.sql`), dml);
  };
  write("seeds/shop/raw_orders", "raw_orders", "CREATE TABLE raw_orders (customer STRING, amount INT);");
  write(
    "facts/shop/orders_per_customer",
    "shop_fct_orders_per_customer",
    `CREATE TABLE IF NOT EXISTS shop_fct_orders_per_customer (customer STRING NOT NULL, orders BIGINT NOT NULL,
  PRIMARY KEY (${primaryKey}) NOT ENFORCED) ${WITH};`,
    "INSERT INTO shop_fct_orders_per_customer SELECT customer, COUNT(*) FROM raw_orders GROUP BY customer;",
  );
  writeMetadata(loadProject(dir, {}));
  return dir;
}

const messages = (dir: string) => lintProject(loadProject(dir, {})).findings.map((f) => f.message);

describe("lint", () => {
  it("accepts an upsert fact when the plan's upsert key lies within the primary key", () => {
    expect(messages(countingProject("customer"))).toEqual([]);
  });

  it("wants retract when upserts by the primary key would not be exact", () => {
    expect(messages(countingProject("orders"))).toEqual([
      "facts tables use changelog.mode 'retract'; 'upsert' only when every statement's upsert key lies within the primary key, which the plan does not show here",
    ]);
  });

  it("flags a pipeline_definition.json that no longer matches the SQL", () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-lint-c360-"));
    cpSync(C360, dir, { recursive: true });
    const file = join(dir, "pipelines/views/c360/customer_analytics/pipeline_definition.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"Stateless"', '"Stateful"'));
    expect(lintProject(loadProject(dir, {})).findings.map(renderFinding)).toEqual([
      "pipelines/views/c360/customer_analytics/pipeline_definition.json:1:1: warning: outdated pipeline_definition.json: run headwater inventory [lint/pipeline-definition]",
    ]);
  });

  it("lint.allow turns a finding into a counted exception, and only for the table it names", () => {
    const project = loadProject(C360, {});
    const { findings, allowed } = lintProject(project);
    expect(findings).toEqual([]);
    expect(allowed.map((f) => f.code)).toEqual(["lint/file-name", "lint/table-name", "lint/file-name"]);
    const dir = mkdtempSync(join(tmpdir(), "hw-lint-allow-"));
    cpSync(C360, dir, { recursive: true });
    const config = join(dir, "headwater.yaml");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace("table-name:customer_analytics_c360", "table-name:other"),
    );
    expect(lintProject(loadProject(dir, {})).findings.map((f) => f.code)).toEqual(["lint/table-name"]);
  });

  it("rejects malformed lint.allow entries, naming each", () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-lint-config-"));
    writeFileSync(join(dir, "headwater.yaml"), "lint:\n  allow: [table-name, 'naming:t', 'file-name:t']\n");
    expect(loadConfig(dir, {}).problems.map((p) => `${p.path}: ${p.why}`)).toEqual([
      "lint.allow: entries 'table-name' must be <rule>:<table>; 'naming:t' unknown rule 'naming' (one of directory, file-name, table-name, create-table, schema-context, changelog-mode, cleanup-policy, pipeline-definition, plan, flink-unsupported)",
    ]);
  });
});
