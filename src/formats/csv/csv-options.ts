import { FormatConfigError } from "../errors.ts";
import type { FormatOptions } from "../format.ts";
import { OptionReader } from "../options.ts";

/** Flink's CSV options (docs/connectors/table/formats/csv.md), checked as its factory does. */
export interface CsvSettings {
  readonly delimiter: string;
  /** Undefined when 'csv.disable-quote-character' is true. */
  readonly quote: string | undefined;
  readonly escape: string | undefined;
  readonly allowComments: boolean;
  readonly ignoreParseErrors: boolean;
  readonly arrayElementDelimiter: string;
  readonly nullLiteral: string | undefined;
}

export function readCsvSettings(options: FormatOptions): CsvSettings {
  const reader = new OptionReader("csv", options);
  const disableQuote = reader.boolean("disable-quote-character", false);
  if (disableQuote && reader.string("quote-character") !== undefined) {
    throw new FormatConfigError(
      "option 'csv.quote-character' cannot be set when 'csv.disable-quote-character' is true",
    );
  }
  return {
    delimiter: reader.char("field-delimiter", ","),
    quote: disableQuote ? undefined : reader.char("quote-character", '"'),
    escape: reader.char("escape-character", undefined),
    allowComments: reader.boolean("allow-comments", false),
    ignoreParseErrors: reader.boolean("ignore-parse-errors", false),
    arrayElementDelimiter: reader.string("array-element-delimiter") ?? ";",
    nullLiteral: reader.string("null-literal"),
  };
}
