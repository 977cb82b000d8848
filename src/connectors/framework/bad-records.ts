import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorContext } from "./connector.ts";
import { ConnectorError } from "./connector-error.ts";
import { DEFAULT_DEAD_LETTER_TABLE, type DeadLetter, type DeadLetterWriter } from "./dead-letter.ts";
import type { TableOptions } from "./table-options.ts";

/**
 * Confluent Cloud's `'error-handling.mode'`: what a source does with a record it cannot read.
 * `fail` (default) stops the statement with an error naming the record's position and field;
 * `ignore` skips it; `log` writes it, raw, with the error, to the dead-letter table
 * `'error-handling.log.target'`. Skipped and logged records are counted; none is dropped silently.
 */
export type ErrorHandlingMode = "fail" | "ignore" | "log";

export const ERROR_HANDLING_KEYS = ["error-handling.mode", "error-handling.log.target"] as const;

export interface ErrorHandling {
  readonly mode: ErrorHandlingMode;
  readonly target: string;
}

export function readErrorHandling(options: TableOptions): ErrorHandling {
  const mode = options.choice("error-handling.mode", ["fail", "ignore", "log"], "fail");
  const target = options.string("error-handling.log.target") ?? DEFAULT_DEAD_LETTER_TABLE;
  if (options.has("error-handling.log.target") && mode !== "log")
    throw options.error("option 'error-handling.log.target' needs 'error-handling.mode' = 'log'");
  return { mode, target };
}

/** Applies a table's error-handling mode to the records its reader could not decode. */
export class BadRecords {
  readonly table: TableSchema;
  private readonly handling: ErrorHandling;
  private readonly ctx: ConnectorContext;
  private deadLetters: DeadLetterWriter | undefined;

  constructor(table: TableSchema, handling: ErrorHandling, ctx: ConnectorContext) {
    this.table = table;
    this.handling = handling;
    this.ctx = ctx;
  }

  /** Throws in `fail` mode; otherwise counts the record and, in `log` mode, writes it to the dead-letter table. */
  handle(letter: DeadLetter): void {
    switch (this.handling.mode) {
      case "fail":
        throw new ConnectorError(
          `table '${this.table.path.join(".")}': cannot read the record at ${describePosition(letter)}: ${letter.message} ('error-handling.mode' = 'log' or 'ignore' skips such records)`,
        );
      case "ignore":
        this.ctx.count(this.table, "bad-records-ignored");
        return;
      case "log":
        this.deadLetters ??= this.ctx.deadLetters(this.handling.target, this.table);
        this.deadLetters.write(letter);
        this.ctx.count(this.table, "bad-records-logged");
        return;
      default:
        this.handling.mode satisfies never;
    }
  }
}

/** `topic 'orders' partition 2 offset 17`, or `file 'a.csv' line 3`. */
export function describePosition(letter: DeadLetter): string {
  if (letter.file !== undefined)
    return `file '${letter.file}'${letter.line === undefined ? "" : ` line ${letter.line}`}`;
  return `topic '${letter.topic}' partition ${letter.partition} offset ${letter.offset}`;
}
