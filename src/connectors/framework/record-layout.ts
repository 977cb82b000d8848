import {
  checkFormatName,
  type FormatSide,
  formatOptions,
  physicalColumns,
  type RecordLayout,
} from "./record-format.ts";
import type { TableOptions } from "./table-options.ts";

/**
 * Where a table's record key comes from:
 * - `fields`: Flink's `kafka` connector, `'key.fields'` names them (with `'key.format'`);
 * - `primary-key`: `upsert-kafka`, the PRIMARY KEY;
 * - `distribution`: Confluent Cloud, the DISTRIBUTED BY columns, else the PRIMARY KEY, else no key.
 */
export type KeySource = "fields" | "primary-key" | "distribution";

export interface LayoutRules {
  readonly keySource: KeySource;
  /** Flink's `kafka` also takes `'format'` for the value format. */
  readonly formatAlias: boolean;
  /** Format when `key.format`/`value.format` is absent; undefined makes them required. */
  readonly defaultFormat: string | undefined;
  readonly fieldsIncludeDefault: FieldsInclude;
}

/** `'value.fields-include'`: whether the value repeats the key's columns. */
export type FieldsInclude = "ALL" | "EXCEPT_KEY";

export const RECORD_LAYOUT_KEYS = [
  "format",
  "key.format",
  "value.format",
  "key.fields",
  "key.fields-prefix",
  "value.fields-include",
] as const;

/** Option keys under which formats take their own options: `json.x`, `key.json.x`, `value.avro-registry.url`. */
export function formatOptionPrefixes(layout: RecordLayout, formatAlias: boolean): string[] {
  const prefixes = [`value.${layout.value.declared}.`];
  if (formatAlias) prefixes.push(`${layout.value.declared}.`);
  if (layout.key) prefixes.push(`key.${layout.key.declared}.`);
  return prefixes;
}

/**
 * Reads the key and value layout of a Kafka-like table. `resolveFormat` may swap a format for the
 * one actually used (the embedded store reads `avro-registry` as plain `avro` without a registry).
 */
export function readRecordLayout(
  options: TableOptions,
  rules: LayoutRules,
  resolveFormat: (name: string, side: "key" | "value") => { name: string; extra?: Record<string, string> } = (
    name,
  ) => ({ name }),
): RecordLayout {
  const table = options.table;
  const physical = physicalColumns(table);
  const physicalNames = physical.map((c) => table.columns[c]!.name);

  const aliased = rules.formatAlias ? options.string("format") : undefined;
  const valueFormatText = options.string("value.format");
  if (aliased !== undefined && valueFormatText !== undefined)
    throw options.error("options 'format' and 'value.format' both set the value format; keep one");
  const valueName = valueFormatText ?? aliased ?? rules.defaultFormat;
  if (valueName === undefined)
    throw options.error(`option 'value.format' is required by connector '${options.connector}'`);
  const valueKey = valueFormatText !== undefined ? "value.format" : "format";
  const valueFormat = valueName.trim().toLowerCase();
  const resolvedValue = resolveFormat(valueFormat, "value");
  checkFormatName(options, valueKey, resolvedValue.name);
  const valuePrefix = valueFormatText !== undefined || aliased === undefined ? "value." : "";

  const keyNames = keyColumnNames(options, rules);
  const prefix = options.string("key.fields-prefix") ?? "";
  const keyColumns = keyNames.map((name) => {
    const at = physicalNames.indexOf(name);
    if (at < 0) throw options.error(`key column '${name}' is not a physical column of the table`);
    if (!name.startsWith(prefix))
      throw options.error(`key column '${name}' does not start with 'key.fields-prefix' = '${prefix}'`);
    return at;
  });

  const includeText = options.string("value.fields-include");
  let include: FieldsInclude = rules.fieldsIncludeDefault;
  if (includeText !== undefined) {
    const normalized = includeText.trim().toUpperCase().replace("-", "_");
    if (normalized !== "ALL" && normalized !== "EXCEPT_KEY")
      throw options.error(
        `option 'value.fields-include' = '${includeText}' is not one of 'ALL', 'EXCEPT_KEY'`,
      );
    include = normalized;
  }
  if (prefix !== "" && include === "ALL")
    throw options.error("'key.fields-prefix' needs 'value.fields-include' = 'EXCEPT_KEY'");

  let key: FormatSide | undefined;
  const keyFormatText = options.string("key.format");
  if (keyColumns.length > 0) {
    const keyName = keyFormatText ?? rules.defaultFormat;
    if (keyName === undefined)
      throw options.error(`option 'key.format' is required by connector '${options.connector}'`);
    const name = keyName.trim().toLowerCase();
    const resolved = resolveFormat(name, "key");
    checkFormatName(options, "key.format", resolved.name);
    key = {
      format: resolved.name,
      declared: name,
      // The table's own format options win over defaults the resolver adds.
      options: { ...renamed(resolved.extra, resolved.name), ...formatOptions(options, "key.", name) },
      columns: keyColumns,
      names: keyColumns.map((c) => physicalNames[c]!.slice(prefix.length)),
    };
  } else if (keyFormatText !== undefined && rules.keySource === "fields") {
    throw options.error("option 'key.format' needs 'key.fields' to name the key columns");
  }

  const valueColumns =
    include === "ALL"
      ? physical.map((_, i) => i)
      : physical.map((_, i) => i).filter((i) => !keyColumns.includes(i));
  if (valueColumns.length === 0)
    throw options.error(
      "the record value holds no column: every physical column is in the key ('value.fields-include' = 'EXCEPT_KEY')",
    );
  return {
    key,
    value: {
      format: resolvedValue.name,
      declared: valueFormat,
      options: {
        ...renamed(resolvedValue.extra, resolvedValue.name),
        ...formatOptions(options, valuePrefix, valueFormat),
      },
      columns: valueColumns,
      names: valueColumns.map((c) => physicalNames[c]!),
    },
  };
}

function keyColumnNames(options: TableOptions, rules: LayoutRules): readonly string[] {
  const table = options.table;
  switch (rules.keySource) {
    case "fields": {
      const text = options.string("key.fields");
      if (text === undefined) return [];
      if (options.string("key.format") === undefined)
        throw options.error("option 'key.fields' needs 'key.format' to say how the key is written");
      return text
        .split(";")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    }
    case "primary-key":
      if (!table.primaryKey?.length)
        throw options.error(`connector '${options.connector}' needs a PRIMARY KEY: it is the record key`);
      return table.primaryKey;
    case "distribution":
      return table.distribution?.columns.length ? table.distribution.columns : (table.primaryKey ?? []);
    default:
      return rules.keySource satisfies never;
  }
}

/** Extra options a resolved format needs (a registry URL), keyed under its own name. */
function renamed(extra: Record<string, string> | undefined, to: string): Record<string, string> {
  if (!extra) return {};
  return Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${to}.${k}`, v]));
}
