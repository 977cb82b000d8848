import { FormatConfigError } from "./errors.ts";
import type { FormatOptions } from "./format.ts";

/** Reads one format's options (`<prefix>.<name>`), checking values the way Flink's factories do. */
export class OptionReader {
  readonly prefix: string;
  readonly options: FormatOptions;
  constructor(prefix: string, options: FormatOptions) {
    this.prefix = prefix;
    this.options = options;
  }

  key(name: string): string {
    return `${this.prefix}.${name}`;
  }

  string(name: string): string | undefined {
    return this.options[this.key(name)];
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw new FormatConfigError(`option '${this.key(name)}' must be 'true' or 'false', got '${value}'`);
  }

  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a.toUpperCase() === value.trim().toUpperCase());
    if (found === undefined) {
      throw new FormatConfigError(
        `option '${this.key(name)}' must be one of ${allowed.map((a) => `'${a}'`).join(", ")}, got '${value}'`,
      );
    }
    return found;
  }

  /** A single character; Flink accepts Java escapes such as `\t` and `\u0001` for CSV delimiters. */
  char(name: string, fallback: string): string;
  char(name: string, fallback: undefined): string | undefined;
  char(name: string, fallback: string | undefined): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = unescapeJava(raw);
    if (value.length !== 1) {
      throw new FormatConfigError(`option '${this.key(name)}' must be a single character, got '${raw}'`);
    }
    return value;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", "\\": "\\" };

function unescapeJava(text: string): string {
  if (!text.includes("\\") || text.length === 1) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, esc: string) =>
    esc.length === 5 ? String.fromCharCode(Number.parseInt(esc.slice(1), 16)) : (SIMPLE_ESCAPES[esc] ?? esc),
  );
}
