import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { CONFIG_SCHEMA, type ConfigValue, envVarOf, type KeySpec } from "./config-schema.ts";
import { MASK } from "./mask-secrets.ts";

export const CONFIG_FILE = "headwater.yaml";

/** One thing wrong with the configuration; all of them are reported at once. */
export interface ConfigProblem {
  readonly path: string;
  /** The offending value as written, secrets masked. */
  readonly value: string;
  readonly why: string;
  /** Where the value came from: the file or an environment variable. */
  readonly origin: string;
}

export interface ProjectConfig {
  readonly values: Readonly<Record<string, ConfigValue>>;
  /** Per key: "default", the config file, or the environment variable that set it. */
  readonly origins: Readonly<Record<string, string>>;
  readonly problems: readonly ConfigProblem[];
  /** Secret values, so callers can blank them out of text. */
  readonly secrets: readonly string[];
}

/**
 * Layered configuration: built-in defaults, then `headwater.yaml` of `projectDir`, then `HEADWATER_*`
 * environment variables (the environment wins, so CI can inject credentials without editing files).
 */
export function loadConfig(projectDir: string, env: NodeJS.ProcessEnv = process.env): ProjectConfig {
  const values: Record<string, ConfigValue> = {};
  const origins: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  for (const [path, spec] of Object.entries(CONFIG_SCHEMA)) {
    values[path] = spec.default;
    origins[path] = "default";
  }
  const file = join(projectDir, CONFIG_FILE);
  if (existsSync(file)) readFile(file, values, origins, problems);
  for (const [path, spec] of Object.entries(CONFIG_SCHEMA)) {
    const raw = env[envVarOf(path)];
    if (raw === undefined) continue;
    const value = spec.type === "list" ? splitList(raw) : spec.type === "number" ? numberOrText(raw) : raw;
    assign(path, value, envVarOf(path), values, origins, problems);
  }
  for (const [path, spec] of Object.entries(CONFIG_SCHEMA)) {
    const why = ruleViolation(spec, values[path]!);
    if (why) problems.push(problem(path, values[path]!, why, origins[path]!));
  }
  const secrets = Object.entries(CONFIG_SCHEMA)
    .filter(([path, spec]) => spec.secret && typeof values[path] === "string" && values[path] !== "")
    .map(([path]) => values[path] as string);
  return { values, origins, problems, secrets };
}

function readFile(
  file: string,
  values: Record<string, ConfigValue>,
  origins: Record<string, string>,
  problems: ConfigProblem[],
): void {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push({ path: "", value: "", why: `not valid YAML: ${(error as Error).message}`, origin: file });
    return;
  }
  if (document === null || document === undefined) return;
  if (!isRecord(document)) {
    problems.push({ path: "", value: String(document), why: "must be a mapping of sections", origin: file });
    return;
  }
  for (const [section, body] of Object.entries(document)) {
    if (!isRecord(body)) {
      problems.push(problem(section, String(body), "must be a mapping of keys", file));
      continue;
    }
    for (const [key, value] of Object.entries(body))
      assign(`${section}.${key}`, value, file, values, origins, problems);
  }
}

function assign(
  path: string,
  value: unknown,
  origin: string,
  values: Record<string, ConfigValue>,
  origins: Record<string, string>,
  problems: ConfigProblem[],
): void {
  const spec = CONFIG_SCHEMA[path];
  if (!spec) {
    problems.push(problem(path, display(value), "unknown key", origin));
    return;
  }
  const typed = coerce(spec, value);
  if (typed === undefined) {
    problems.push(problem(path, display(value), `must be a ${spec.type}`, origin, spec.secret));
    return;
  }
  values[path] = typed;
  origins[path] = origin;
}

function coerce(spec: KeySpec, value: unknown): ConfigValue | undefined {
  if (spec.type === "list") {
    return Array.isArray(value) && value.every((v) => typeof v === "string")
      ? (value as string[])
      : undefined;
  }
  if (spec.type === "number") return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

function ruleViolation(spec: KeySpec, value: ConfigValue): string | undefined {
  if (typeof value === "string" && value.startsWith("<") && value.endsWith(">"))
    return "is a placeholder; set it in the file or through its environment variable";
  if (spec.oneOf && !spec.oneOf.includes(value as string)) return `must be one of ${spec.oneOf.join(", ")}`;
  return spec.check?.(value);
}

function problem(
  path: string,
  value: ConfigValue,
  why: string,
  origin: string,
  secret?: boolean,
): ConfigProblem {
  const shown = (secret || CONFIG_SCHEMA[path]?.secret) && display(value) !== "" ? MASK : display(value);
  return { path, value: shown, why, origin };
}

function display(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
}

function splitList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function numberOrText(raw: string): number | string {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Typed readers, so callers do not cast. */
export function configString(config: ProjectConfig, path: string): string {
  const value = config.values[path];
  return typeof value === "string" ? value : String(value ?? "");
}

export function configList(config: ProjectConfig, path: string): readonly string[] {
  const value = config.values[path];
  return Array.isArray(value) ? value : [];
}

/** The effective configuration as nested sections, secrets masked: what `project config` prints. */
export function describeConfig(config: ProjectConfig): Record<string, Record<string, ConfigValue>> {
  const out: Record<string, Record<string, ConfigValue>> = {};
  for (const [path, value] of Object.entries(config.values)) {
    const [section, key] = path.split(".") as [string, string];
    out[section] ??= {};
    out[section][key] = CONFIG_SCHEMA[path]?.secret && value !== "" ? MASK : value;
  }
  return out;
}
