import { PgError, SQLSTATE } from "./errors.ts";
import { isKnownTimeZone } from "./types/datetime-text.ts";

/** The PostgreSQL release whose protocol and catalog queries the endpoint follows. */
export const SERVER_VERSION = "15.0";

interface SettingSpec {
  /** The name as PostgreSQL spells it in SHOW ALL and ParameterStatus. */
  readonly name: string;
  readonly default: string;
  /** Sent to the client in a ParameterStatus message when it changes (GUC_REPORT). */
  readonly reported?: boolean;
  readonly readOnly?: boolean;
  readonly description: string;
  /** Returns the value to store, or throws a PgError saying why `value` is refused. */
  readonly check?: (value: string) => string;
}

const invalid = (name: string, value: string, hint?: string): PgError =>
  new PgError(
    SQLSTATE.invalidParameterValue,
    `invalid value for parameter "${name}": "${value}"`,
    hint ? { hint } : {},
  );

const SPECS: readonly SettingSpec[] = [
  {
    name: "server_version",
    default: SERVER_VERSION,
    reported: true,
    readOnly: true,
    description: "Shows the server version.",
  },
  {
    name: "server_version_num",
    default: "150000",
    readOnly: true,
    description: "Shows the server version as an integer.",
  },
  {
    name: "server_encoding",
    default: "UTF8",
    reported: true,
    readOnly: true,
    description: "Shows the server (database) character set encoding.",
  },
  {
    name: "client_encoding",
    default: "UTF8",
    reported: true,
    description: "Sets the client's character set encoding.",
    check: (v) => {
      const name = v.toUpperCase().replace(/[-_]/g, "");
      // Text goes out as UTF-8; SQL_ASCII clients take the bytes as they come, like PostgreSQL's.
      if (name === "UTF8" || name === "UNICODE") return "UTF8";
      if (name === "SQLASCII") return "SQL_ASCII";
      throw new PgError(SQLSTATE.featureNotSupported, `client encoding "${v}" is not supported`, {
        hint: "Use UTF8.",
      });
    },
  },
  {
    name: "DateStyle",
    default: "ISO, MDY",
    reported: true,
    description: "Sets the display format for date and time values.",
    check: (v) => {
      // Only ISO output is produced; the day/month order matters for input, which DuckDB reads as ISO.
      const parts = v.split(",").map((p) => p.trim().toUpperCase());
      if (parts.some((p) => p !== "ISO" && p !== "MDY" && p !== "DMY" && p !== "YMD"))
        throw invalid("DateStyle", v, "Only the ISO date style is supported.");
      const order = parts.find((p) => p !== "ISO") ?? "MDY";
      return `ISO, ${order}`;
    },
  },
  {
    name: "IntervalStyle",
    default: "postgres",
    reported: true,
    description: "Sets the display format for interval values.",
    check: (v) => {
      if (v.toLowerCase() !== "postgres")
        throw invalid("IntervalStyle", v, "Only the postgres interval style is supported.");
      return "postgres";
    },
  },
  {
    name: "TimeZone",
    default: "UTC",
    reported: true,
    description: "Sets the time zone for displaying and interpreting time stamps.",
    check: (v) => {
      if (!isKnownTimeZone(v)) throw invalid("TimeZone", v);
      // The zone's own spelling (`utc` is `UTC`), but not ICU's older aliases (Asia/Kolkata stays).
      const resolved = new Intl.DateTimeFormat("en-US", { timeZone: v }).resolvedOptions().timeZone;
      return resolved.toLowerCase() === v.toLowerCase() ? resolved : v;
    },
  },
  {
    name: "integer_datetimes",
    default: "on",
    reported: true,
    readOnly: true,
    description: "Shows whether datetimes are integer based.",
  },
  {
    name: "standard_conforming_strings",
    default: "on",
    reported: true,
    description: "Causes '...' strings to treat backslashes literally.",
    check: (v) => {
      if (!isOn(v))
        throw invalid(
          "standard_conforming_strings",
          v,
          "Backslashes are always literal in '...' strings here.",
        );
      return "on";
    },
  },
  {
    name: "is_superuser",
    default: "off",
    reported: true,
    readOnly: true,
    description: "Shows whether the current user is a superuser.",
  },
  {
    name: "session_authorization",
    default: "",
    reported: true,
    readOnly: true,
    description: "Shows the session user name.",
  },
  {
    name: "application_name",
    default: "",
    reported: true,
    description: "Sets the application name to be reported in statistics and logs.",
  },
  {
    name: "search_path",
    default: '"$user", public',
    description: "Sets the schema search order for names that are not schema-qualified.",
  },
  {
    name: "default_transaction_read_only",
    default: "on",
    description: "Sets the default read-only status of new transactions.",
    check: readOnlyOnly("default_transaction_read_only"),
  },
  {
    name: "transaction_read_only",
    default: "on",
    description: "Sets the current transaction's read-only status.",
    check: readOnlyOnly("transaction_read_only"),
  },
  {
    name: "transaction_isolation",
    default: "read committed",
    description: "Sets the current transaction's isolation level.",
  },
  {
    name: "default_transaction_isolation",
    default: "read committed",
    description: "Sets the transaction isolation level of each new transaction.",
  },
  {
    name: "extra_float_digits",
    default: "1",
    description: "Sets the number of digits displayed for floating-point values.",
    check: (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < -15 || n > 3) throw invalid("extra_float_digits", v);
      return String(n);
    },
  },
  {
    name: "statement_timeout",
    default: "0",
    description: "Sets the maximum allowed duration of any statement (milliseconds; 0 turns it off).",
    check: (v) => String(parseDuration("statement_timeout", v)),
  },
  {
    name: "lock_timeout",
    default: "0",
    description: "Sets the maximum allowed duration of any wait for a lock.",
  },
  {
    name: "idle_in_transaction_session_timeout",
    default: "0",
    description: "Sets the maximum allowed idle time between queries, when in a transaction.",
  },
  {
    name: "client_min_messages",
    default: "notice",
    description: "Sets the message levels that are sent to the client.",
  },
  {
    name: "bytea_output",
    default: "hex",
    description: "Sets the output format for bytea.",
    check: (v) => {
      if (v.toLowerCase() !== "hex") throw invalid("bytea_output", v, "Only hex output is supported.");
      return "hex";
    },
  },
  {
    name: "max_identifier_length",
    default: "63",
    readOnly: true,
    description: "Shows the maximum identifier length.",
  },
  { name: "lc_messages", default: "C", description: "Sets the language in which messages are displayed." },
  { name: "lc_monetary", default: "C", description: "Sets the locale for formatting monetary amounts." },
  { name: "lc_numeric", default: "C", description: "Sets the locale for formatting numbers." },
  { name: "lc_time", default: "C", description: "Sets the locale for formatting date and time values." },
];

const BY_NAME = new Map(SPECS.map((s) => [s.name.toLowerCase(), s]));

function isOn(v: string): boolean {
  return ["on", "true", "yes", "1"].includes(v.toLowerCase());
}

function readOnlyOnly(name: string): (v: string) => string {
  return (v) => {
    if (!isOn(v))
      throw new PgError(
        SQLSTATE.readOnlySqlTransaction,
        `cannot set ${name} to off: this endpoint is read-only`,
      );
    return "on";
  };
}

function parseDuration(name: string, v: string): number {
  const match = /^\s*(\d+)\s*(ms|s|min|h)?\s*$/i.exec(v);
  if (!match) throw invalid(name, v);
  const factor = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 }[(match[2] ?? "ms").toLowerCase() as "ms"] ?? 1;
  return Number(match[1]) * factor;
}

/**
 * A session's run-time parameters: PostgreSQL's names and defaults for the ones clients read or set
 * (psql, node-postgres, JDBC, BI tools), with the values this endpoint can honour. Names are
 * case-insensitive; custom `prefix.name` parameters are kept as given, as PostgreSQL keeps them.
 */
export class SessionSettings {
  private readonly values = new Map<string, string>();
  private readonly user: string;

  constructor(user: string) {
    this.user = user;
  }

  get(name: string): string {
    const key = name.toLowerCase();
    const spec = BY_NAME.get(key);
    if (!spec && !this.values.has(key)) throw unknown(name);
    return this.values.get(key) ?? (spec?.name === "session_authorization" ? this.user : spec!.default);
  }

  get timeZone(): string {
    return this.get("TimeZone");
  }

  /** The statement timeout in milliseconds; 0 for none. */
  get statementTimeout(): number {
    return Number(this.get("statement_timeout"));
  }

  /**
   * Sets a parameter (null: back to its default); returns the canonical name and new value when the
   * client must be told through a ParameterStatus message.
   */
  set(name: string, value: string | null): { name: string; value: string } | undefined {
    const key = name.toLowerCase();
    const spec = BY_NAME.get(key);
    if (!spec) {
      if (!key.includes(".")) throw unknown(name);
      if (value === null) this.values.delete(key);
      else this.values.set(key, value);
      return undefined;
    }
    if (spec.readOnly)
      throw new PgError(SQLSTATE.cantChangeRuntimeParam, `parameter "${spec.name}" cannot be changed`);
    if (value === null) this.values.delete(key);
    else this.values.set(key, spec.check ? spec.check(value) : value);
    return spec.reported ? { name: spec.name, value: this.get(key) } : undefined;
  }

  /** RESET ALL / DISCARD ALL: every parameter back to its default; returns the reported ones. */
  resetAll(): { name: string; value: string }[] {
    const changed = [...this.values.keys()].map((k) => BY_NAME.get(k)).filter((s) => s?.reported);
    this.values.clear();
    return changed.map((s) => ({ name: s!.name, value: this.get(s!.name) }));
  }

  /** Every parameter with its value and description, for SHOW ALL. */
  all(): { name: string; setting: string; description: string }[] {
    return SPECS.map((s) => ({ name: s.name, setting: this.get(s.name), description: s.description }));
  }

  /** The parameters reported at startup, in ParameterStatus order. */
  reported(): { name: string; value: string }[] {
    return SPECS.filter((s) => s.reported).map((s) => ({ name: s.name, value: this.get(s.name) }));
  }
}

function unknown(name: string): PgError {
  return new PgError(SQLSTATE.undefinedObject, `unrecognized configuration parameter "${name}"`);
}
