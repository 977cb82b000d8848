import { parseMemorySize } from "../../connectors/framework/option-values.ts";
import { parseDuration } from "../../connectors/index.ts";
import { isValidZone } from "./functions/time-zone.ts";

/** A known setting: checks a value and says what it expects. */
interface SettingRule {
  readonly check: (value: string) => boolean;
  readonly expected: string;
}

const duration: SettingRule = {
  check: (v) => parseDuration(v) !== undefined,
  expected: "a duration such as '5 s', '1 min' or '500 ms'",
};
const zone: SettingRule = {
  check: (v) => isValidZone(v),
  expected: "a time zone such as 'UTC', 'Europe/Berlin' or '+08:00'",
};
const text: SettingRule = { check: (v) => v.trim() !== "", expected: "a non-empty value" };

const positiveInteger: SettingRule = {
  check: (v) => /^\s*\d+\s*$/.test(v) && Number(v) >= 1,
  expected: "a positive integer",
};

/**
 * Settings the engine reads or keeps, Flink's name and Confluent Cloud's where they differ. Values of
 * known keys are checked when they are SET; other keys are kept as they are, as Flink's SQL client does.
 */
const RULES: Readonly<Record<string, SettingRule>> = {
  "table.exec.source.idle-timeout": duration,
  "sql.tables.scan.idle-timeout": duration,
  "table.local-time-zone": zone,
  "sql.local-time-zone": zone,
  // Kept for state TTL (the state backend reads them).
  "table.exec.state.ttl": duration,
  "sql.state-ttl": duration,
  "pipeline.name": text,
  "client.statement-name": text,
  "execution.runtime-mode": {
    check: (v) => v.trim().toLowerCase() === "streaming",
    expected: "'streaming' (the only mode the embedded engine runs)",
  },
  "parallelism.default": {
    check: (v) => /^\s*\d+\s*$/.test(v) && Number(v) >= 1,
    expected: "a positive integer",
  },
  "table.exec.resource.default-parallelism": {
    check: (v) => /^\s*(-1|\d+)\s*$/.test(v) && Number(v) !== 0,
    expected: "a positive integer, or -1 for 'parallelism.default'",
  },
  // Checkpoints (runtime/checkpoint): Flink 1.20's names, and the older ones as aliases.
  "execution.checkpointing.interval": duration,
  "execution.checkpointing.num-retained": positiveInteger,
  "state.checkpoints.num-retained": positiveInteger,
  "execution.state-recovery.path": { check: () => true, expected: "a savepoint file" },
  "execution.savepoint.path": { check: () => true, expected: "a savepoint file" },
  // Large state (runtime/state/spillable-map.ts): keyed state per operator kept in memory.
  "state.memory-budget": {
    check: (v) => (parseMemorySize(v) ?? 0) > 0,
    expected: "a size such as '64 mb' or '1 gb'",
  },
  "table.dynamic-table-options.enabled": {
    check: (v) => ["true", "false"].includes(v.trim().toLowerCase()),
    expected: "'true' or 'false'",
  },
  // Mini-batch aggregation and deduplication (runtime/mini-batch.ts).
  "table.exec.mini-batch.enabled": {
    check: (v) => ["true", "false"].includes(v.trim().toLowerCase()),
    expected: "'true' or 'false'",
  },
  "table.exec.mini-batch.allow-latency": duration,
  "table.exec.mini-batch.size": positiveInteger,
  "table.exec.sink.upsert-materialize": {
    check: (v) => ["none", "auto", "force"].includes(v.trim().toLowerCase()),
    expected: "'NONE', 'AUTO' or 'FORCE'",
  },
};

/** Pairs that name one setting (Flink's and Confluent Cloud's spelling): reading either finds both. */
const ALIASES: readonly (readonly [string, string])[] = [
  ["table.exec.source.idle-timeout", "sql.tables.scan.idle-timeout"],
  ["table.local-time-zone", "sql.local-time-zone"],
  ["table.exec.state.ttl", "sql.state-ttl"],
  ["pipeline.name", "client.statement-name"],
  ["execution.checkpointing.num-retained", "state.checkpoints.num-retained"],
  ["execution.state-recovery.path", "execution.savepoint.path"],
];

/** A SET value of a known key that does not fit it. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

/**
 * The session's configuration: `SET 'key' = 'value'`, `RESET 'key'`, `RESET`. Statements started
 * after a SET see the new value; running ones keep what they started with.
 */
export class SessionConfig {
  private readonly values = new Map<string, string>();
  private readonly defaults: ReadonlyMap<string, string>;

  /** `defaults` are the engine's options, what RESET goes back to. */
  constructor(defaults: ReadonlyMap<string, string> = new Map()) {
    this.defaults = defaults;
  }

  set(key: string, value: string): void {
    const rule = RULES[key];
    if (rule && !rule.check(value))
      throw new SettingError(`SET '${key}' = '${value}': expected ${rule.expected}`);
    this.values.set(key, value);
  }

  reset(key?: string): void {
    if (key === undefined) this.values.clear();
    else this.values.delete(key);
  }

  /** The value SET for the key or its alias, else the engine's default. */
  get(key: string): string | undefined {
    const alias = ALIASES.find((pair) => pair.includes(key))?.find((k) => k !== key);
    return (
      this.values.get(key) ??
      (alias === undefined ? undefined : this.values.get(alias)) ??
      this.defaults.get(key) ??
      (alias === undefined ? undefined : this.defaults.get(alias))
    );
  }

  /** Every setting SET in this session, sorted by key. */
  entries(): [string, string][] {
    return [...this.values].sort(([a], [b]) => a.localeCompare(b));
  }

  /** A duration setting in ms, or undefined when unset. */
  duration(key: string): number | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : parseDuration(value);
  }
}
