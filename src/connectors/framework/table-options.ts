import { closestMatch } from "../../common/diagnostic.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { ConnectorError } from "./connector-error.ts";
import { parseBoolean, parseDuration, parseInteger, parseMemorySize, parseNumber } from "./option-values.ts";

/**
 * A table's WITH options as one connector reads them: typed getters whose errors name the table, the
 * option and the value, and `checkKnown`, which rejects options the connector does not understand
 * with a "did you mean" (Flink's factories reject unknown options too).
 */
export class TableOptions {
  readonly table: TableSchema;
  readonly connector: string;
  readonly values: Readonly<Record<string, string>>;
  private readonly read = new Set<string>(["connector"]);

  constructor(table: TableSchema, connector: string) {
    this.table = table;
    this.connector = connector;
    this.values = table.options;
  }

  get tableName(): string {
    return this.table.path.join(".");
  }

  has(key: string): boolean {
    this.read.add(key);
    return this.values[key] !== undefined;
  }

  string(key: string): string | undefined {
    this.read.add(key);
    return this.values[key];
  }

  required(key: string, what = ""): string {
    const value = this.string(key);
    if (value === undefined || value.trim() === "")
      throw this.error(
        `option '${key}'${what === "" ? "" : ` (${what})`} is required by connector '${this.connector}'`,
      );
    return value;
  }

  duration(key: string): number | undefined {
    return this.parsed(key, parseDuration, "a duration such as '500 ms', '10 s' or '1 min'");
  }

  memorySize(key: string): number | undefined {
    return this.parsed(key, parseMemorySize, "a size such as '1 mb' or '4096'");
  }

  integer(key: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number | undefined {
    return this.parsed(key, (t) => parseInteger(t, min, max), `an integer in [${min}, ${max}]`);
  }

  number(key: string, min: number, max: number): number | undefined {
    return this.parsed(key, (t) => parseNumber(t, min, max), `a number in [${min}, ${max}]`);
  }

  boolean(key: string, fallback: boolean): boolean {
    return this.parsed(key, parseBoolean, "'true' or 'false'") ?? fallback;
  }

  /** One of `allowed` (compared case-insensitively, as Flink's enum options are). */
  choice<T extends string>(key: string, allowed: readonly T[], fallback: T): T;
  choice<T extends string>(key: string, allowed: readonly T[], fallback: undefined): T | undefined;
  choice<T extends string>(key: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
    const value = this.string(key);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
    if (found !== undefined) return found;
    const near = closestMatch(value.trim(), allowed);
    throw this.error(
      `option '${key}' = '${value}' is not one of ${allowed.map((a) => `'${a}'`).join(", ")}${near ? `; did you mean '${near}'?` : ""}`,
    );
  }

  /**
   * Fails on any option neither read through this object nor under one of `prefixes` (options handed
   * on: `properties.*` to the Kafka client, `value.json.*` to a format).
   */
  checkKnown(knownKeys: readonly string[], prefixes: readonly string[] = []): void {
    const known = new Set([...knownKeys, ...this.read]);
    for (const key of Object.keys(this.values)) {
      if (known.has(key) || prefixes.some((p) => key.startsWith(p))) continue;
      const near = closestMatch(key, known);
      throw this.error(
        `unsupported option '${key}' for connector '${this.connector}'${
          near
            ? `; did you mean '${near}'?`
            : `; supported: ${[...known]
                .filter((k) => k !== "connector")
                .sort()
                .join(", ")}`
        }`,
      );
    }
  }

  error(problem: string): ConnectorError {
    return new ConnectorError(`table '${this.tableName}': ${problem}`);
  }

  private parsed<T>(key: string, parse: (text: string) => T | undefined, expected: string): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const result = parse(value);
    if (result === undefined)
      throw this.error(`option '${key}' = '${value}' is not valid: expected ${expected}`);
    return result;
  }
}
