import { CONFIG_SCHEMA, type ConfigValue, envVarOf } from "../config/config-schema.ts";
import type { LayerFolder } from "./layers.ts";

/** headwater.yaml as `project init` writes it: every key with its default, description and variable. */
export function configTemplate(name: string, type: "kimball" | "data_product"): string {
  const lines = [
    "# Headwater project configuration. Every key can be overridden by its HEADWATER_* variable.",
  ];
  let section = "";
  for (const [path, spec] of Object.entries(CONFIG_SCHEMA)) {
    const [head, key] = path.split(".") as [string, string];
    if (head !== section) {
      lines.push(`${head}:`);
      section = head;
    }
    const value: ConfigValue = path === "project.name" ? name : path === "project.type" ? type : spec.default;
    lines.push(`  # ${spec.description} (${envVarOf(path)})`, `  ${key}: ${yamlValue(value)}`);
  }
  return `${lines.join("\n")}\n`;
}

function yamlValue(value: ConfigValue): string {
  if (Array.isArray(value)) return `[${value.join(", ")}]`;
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

const TOPIC_OPTIONS: Readonly<Record<LayerFolder, { changelog: string; cleanup: string }>> = {
  sources: { changelog: "upsert", cleanup: "delete" },
  intermediates: { changelog: "upsert", cleanup: "delete" },
  facts: { changelog: "retract", cleanup: "compact" },
  dimensions: { changelog: "retract", cleanup: "compact" },
  views: { changelog: "retract", cleanup: "compact" },
};

/** A DDL that passes `lint` for its layer: keyed, distributed, schema contexts and topic policies set. */
export function ddlTemplate(table: string, layer: LayerFolder): string {
  const topic = TOPIC_OPTIONS[layer];
  return `CREATE TABLE IF NOT EXISTS ${table} (
  id STRING NOT NULL,
  -- add the columns of ${table} here
  PRIMARY KEY(id) NOT ENFORCED
) DISTRIBUTED BY HASH(id) INTO 1 BUCKETS
WITH (
  'changelog.mode' = '${topic.changelog}',
  'kafka.cleanup-policy' = '${topic.cleanup}',
  'key.format' = 'avro-registry',
  'value.format' = 'avro-registry',
  'key.avro-registry.schema-context' = '.flink-dev',
  'value.avro-registry.schema-context' = '.flink-dev',
  'scan.startup.mode' = 'earliest-offset',
  'value.fields-include' = 'all'
);
`;
}

/** A DML that binds as written, so a new table loads cleanly until it is filled in. */
export function dmlTemplate(table: string): string {
  return `-- Replace with the statement that fills ${table} from its source tables.
INSERT INTO ${table}
SELECT id
FROM (VALUES ('example')) AS t (id);
`;
}
