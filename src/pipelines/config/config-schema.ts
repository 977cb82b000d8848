import { parseAllowEntry } from "../lint/lint-codes.ts";

/**
 * Every key of `headwater.yaml`: its type, default and rule. Defaults, validation, environment
 * overrides and the init template are all derived from this one table, so they cannot drift apart
 * (shift_left validates `cloud_region` but names statements from `region`).
 */

export type ConfigValue = string | number | readonly string[];

export interface KeySpec {
  readonly type: "string" | "number" | "list";
  readonly default: ConfigValue;
  readonly description: string;
  /** Allowed values of a string. */
  readonly oneOf?: readonly string[];
  /** Returns why the value is wrong, or undefined. */
  readonly check?: (value: ConfigValue) => string | undefined;
  /** Masked in every output and log. */
  readonly secret?: boolean;
}

const identifier = (value: ConfigValue): string | undefined =>
  typeof value === "string" && value.length > 0 && [...value].every((c) => isWordChar(c))
    ? undefined
    : "must be letters, digits and underscores";

const identifierList = (value: ConfigValue): string | undefined => {
  if (!Array.isArray(value)) return "must be a list";
  const bad = value.filter((v) => identifier(v) !== undefined);
  return bad.length > 0 ? `entries must be letters, digits and underscores: ${bad.join(", ")}` : undefined;
};

const nonEmpty = (value: ConfigValue): string | undefined =>
  typeof value === "string" && value.trim().length > 0 ? undefined : "must not be empty";

/** shift_left's rule: `_` followed by 2 or 3 letters or digits, so test tables stay recognisable. */
const testPostfix = (value: ConfigValue): string | undefined =>
  typeof value === "string" &&
  value.startsWith("_") &&
  value.length >= 3 &&
  value.length <= 4 &&
  [...value.slice(1)].every((c) => isWordChar(c) && c !== "_")
    ? undefined
    : "must be '_' followed by 2 or 3 letters or digits, e.g. _ut";

const MAX_CFU_STEPS = [5, 10, 20, 30, 40, 50];

/** Empty, or an http(s) URL (a target's endpoint). */
const httpUrl = (value: ConfigValue): string | undefined => {
  if (value === "") return undefined;
  try {
    const url = new URL(String(value));
    return url.protocol === "http:" || url.protocol === "https:" ? undefined : "must be an http(s) URL";
  } catch {
    return "must be an http(s) URL";
  }
};

const positive = (value: ConfigValue): string | undefined =>
  typeof value === "number" && value > 0 ? undefined : "must be a number above 0";

function isWordChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_";
}

export const CONFIG_SCHEMA: Readonly<Record<string, KeySpec>> = {
  "project.name": {
    type: "string",
    default: "headwater_project",
    description: "project name",
    check: nonEmpty,
  },
  "project.type": {
    type: "string",
    default: "kimball",
    description: "folder layout: kimball (one pipelines/ tree) or data_product (one tree per product)",
    oneOf: ["kimball", "data_product"],
  },
  "project.pipelines_dir": {
    type: "string",
    default: "pipelines",
    description: "folder of the layer folders, relative to the project",
    check: nonEmpty,
  },
  "project.products": {
    type: "list",
    default: [],
    description: "products whose naming rules `lint` enforces (empty: every product found)",
    check: identifierList,
  },
  "project.accepted_common_products": {
    type: "list",
    default: ["common", "seeds"],
    description: "products whose tables any product may restart",
    check: identifierList,
  },
  "deploy.environment": {
    type: "string",
    default: "dev",
    description: "first part of statement names (shift_left's kafka.cluster_type)",
    check: identifier,
  },
  "deploy.region": { type: "string", default: "us-west-2", description: "cloud region", check: nonEmpty },
  "deploy.cloud_provider": {
    type: "string",
    default: "aws",
    description: "cloud provider",
    oneOf: ["aws", "azure", "gcp"],
  },
  "deploy.environment_id": { type: "string", default: "", description: "Confluent Cloud environment id" },
  "deploy.organization_id": { type: "string", default: "", description: "Confluent Cloud organization id" },
  "deploy.compute_pool_id": { type: "string", default: "", description: "default Flink compute pool" },
  "deploy.catalog_name": {
    type: "string",
    default: "",
    description: "Flink catalog (Confluent environment)",
  },
  "deploy.database_name": { type: "string", default: "", description: "Flink database (Kafka cluster)" },
  "deploy.max_cfu": {
    type: "number",
    default: 10,
    description: "CFU limit of created compute pools",
    check: (v) =>
      MAX_CFU_STEPS.includes(v as number) ? undefined : `must be one of ${MAX_CFU_STEPS.join(", ")}`,
  },
  "deploy.target": {
    type: "string",
    default: "local",
    description:
      "where deploy, undeploy, status and healthcheck go: local (headwater serve), flink, confluent",
    oneOf: ["local", "flink", "confluent"],
  },
  "deploy.timeout_seconds": {
    type: "number",
    default: 300,
    description: "how long deploy waits for a statement to leave PENDING",
    check: positive,
  },
  "deploy.local_url": {
    type: "string",
    default: "http://127.0.0.1:8790",
    description: "control API of the Headwater daemon (headwater serve)",
    check: httpUrl,
  },
  "kafka.bootstrap_servers": {
    type: "string",
    default: "localhost:9092",
    description: "Kafka bootstrap servers",
  },
  "kafka.api_key": { type: "string", default: "", description: "Kafka API key", secret: true },
  "kafka.api_secret": { type: "string", default: "", description: "Kafka API secret", secret: true },
  "flink.gateway_url": {
    type: "string",
    default: "http://127.0.0.1:8083",
    description: "Apache Flink SQL Gateway REST endpoint",
    check: httpUrl,
  },
  "flink.rest_url": {
    type: "string",
    default: "http://127.0.0.1:8081",
    description: "Apache Flink JobManager REST endpoint (job status, metrics, cancel)",
    check: httpUrl,
  },
  "flink.api_key": {
    type: "string",
    default: "",
    description: "Confluent Cloud Flink API key (statements)",
    secret: true,
  },
  "flink.api_secret": {
    type: "string",
    default: "",
    description: "Confluent Cloud Flink API secret",
    secret: true,
  },
  "confluent.flink_url": {
    type: "string",
    default: "",
    description:
      "Confluent Cloud Flink REST endpoint (empty: https://flink.<region>.<provider>.confluent.cloud)",
    check: httpUrl,
  },
  "confluent.cloud_url": {
    type: "string",
    default: "https://api.confluent.cloud",
    description: "Confluent Cloud API (compute pools)",
    check: httpUrl,
  },
  "confluent.cloud_api_key": {
    type: "string",
    default: "",
    description: "Confluent Cloud API key (compute pool checks)",
    secret: true,
  },
  "confluent.cloud_api_secret": {
    type: "string",
    default: "",
    description: "Confluent Cloud API secret",
    secret: true,
  },
  "confluent.principal": {
    type: "string",
    default: "",
    description: "service account statements run as (empty: the API key's owner)",
  },
  "tests.post_fix_unit_test": {
    type: "string",
    default: "_ut",
    description: "suffix of unit-test table copies",
    check: testPostfix,
  },
  "tests.post_fix_integration_test": {
    type: "string",
    default: "_it",
    description: "suffix of integration-test table copies",
    check: testPostfix,
  },
  "lint.allow": {
    type: "list",
    default: [],
    description: "deliberate exceptions to lint rules, as <rule>:<table> (give the reason in a comment)",
    check: (value) => {
      if (!Array.isArray(value)) return "must be a list";
      const bad = value.flatMap((entry) => {
        const parsed = parseAllowEntry(entry);
        return typeof parsed === "string" ? [`'${entry}' ${parsed}`] : [];
      });
      return bad.length > 0 ? `entries ${bad.join("; ")}` : undefined;
    },
  },
  "logging.level": {
    type: "string",
    default: "INFO",
    description: "log level",
    oneOf: ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
  },
};

/** `deploy.region` → `HEADWATER_DEPLOY_REGION`. */
export function envVarOf(path: string): string {
  return `HEADWATER_${path.split(".").join("_").toUpperCase()}`;
}
