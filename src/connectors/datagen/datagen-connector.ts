import { closestMatch } from "../../common/diagnostic.ts";
import type { Row } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { ConnectorContext, ConnectorFactory } from "../framework/connector.ts";
import { GeneratorReader, type RowSequence } from "../framework/generator-reader.ts";
import { checkMetadataColumns, NO_METADATA } from "../framework/metadata.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { TableOptions } from "../framework/table-options.ts";
import { SeededRandom } from "../nexmark/random.ts";
import {
  DEFAULT_SPEC,
  type FieldGenerator,
  type FieldSpec,
  fieldGenerator,
  isGeneratable,
} from "./field-generators.ts";

const TABLE_KEYS = ["rows-per-second", "number-of-rows", "scan.parallelism", "seed"];
const FIELD_OPTIONS = ["kind", "min", "max", "max-past", "length", "var-len", "start", "end", "null-rate"];
/** Separates datagen's random stream from nexmark's under the same seed. */
const DATAGEN_STREAM = 0xda7a6e;

interface DatagenSettings {
  readonly rowsPerSecond: number;
  readonly numberOfRows: number | undefined;
  readonly seed: number;
  readonly fields: readonly { readonly type: DataType; readonly spec: FieldSpec }[];
}

const isInteger = (t: DataType) => ["TINYINT", "SMALLINT", "INT", "BIGINT"].includes(t.kind);
const isNumeric = (t: DataType) => isInteger(t) || ["FLOAT", "DOUBLE", "DECIMAL"].includes(t.kind);
const isText = (t: DataType) => t.kind === "CHAR" || t.kind === "VARCHAR";
const hasLength = (t: DataType) =>
  isText(t) || ["BINARY", "VARBINARY", "ARRAY", "MAP", "MULTISET"].includes(t.kind);

/**
 * Flink's `datagen` connector with its documented options: `rows-per-second` (10000), `number-of-rows`
 * (unbounded without), and per field `fields.<name>.kind` = `random` | `sequence`, `min`, `max`,
 * `max-past`, `length`, `var-len`, `start`, `end`, `null-rate` (nested ROW fields as
 * `fields.<row>.<field>.*`). Unlike Flink's, values are seeded — `seed` (ours, 0 by default) — and
 * drawn per row position, so the same table gives the same rows in every run.
 */
export const datagenConnector: ConnectorFactory = {
  name: "datagen",
  describe(table) {
    readSettings(table);
    return { source: "insert-only", sink: undefined, metadata: NO_METADATA };
  },
  createReader(table, _request, ctx) {
    return new GeneratorReader(datagenSequence(readSettings(table), ctx), ctx);
  },
};

function datagenSequence(settings: DatagenSettings, ctx: ConnectorContext): RowSequence {
  const generators: FieldGenerator[] = settings.fields.map((f) => fieldGenerator(f.type, f.spec, ctx.clock));
  const sequenceRows = settings.fields
    .filter((f) => f.spec.kind === "sequence")
    .map((f) => f.spec.end! - f.spec.start! + 1);
  const total = Math.min(settings.numberOfRows ?? Number.POSITIVE_INFINITY, ...sequenceRows);
  const random = new SeededRandom(settings.seed, DATAGEN_STREAM);
  const rps = settings.rowsPerSecond;
  return {
    total,
    rowAt(index: number): Row {
      random.reset(index);
      return generators.map((g) => g(random, index));
    },
    // Each second's rows are released together at its start, as a rate limiter with a burst does.
    dueAt: (index) => Math.floor(index / rps) * 1000,
  };
}

function readSettings(table: TableSchema): DatagenSettings {
  const options = new TableOptions(table, "datagen");
  checkMetadataColumns(options, NO_METADATA, false);
  const rowsPerSecond = options.number("rows-per-second", Number.MIN_VALUE, Number.MAX_VALUE) ?? 10_000;
  const numberOfRows = options.integer("number-of-rows", 0);
  options.integer("scan.parallelism", 1);
  const seed = options.integer("seed", 0) ?? 0;
  const columns = physicalColumns(table).map((c) => table.columns[c]!);
  const specs = new Map<string, Map<string, string>>();
  for (const [key, value] of Object.entries(table.options)) {
    if (!key.startsWith("fields.")) continue;
    const rest = key.slice("fields.".length);
    const dot = rest.lastIndexOf(".");
    const path = dot < 0 ? "" : rest.slice(0, dot);
    const option = rest.slice(dot + 1);
    if (!FIELD_OPTIONS.includes(option)) {
      const near = closestMatch(option, FIELD_OPTIONS);
      throw options.error(
        `unsupported option '${key}'${near ? `; did you mean 'fields.${path}.${near}'?` : ` (field options: ${FIELD_OPTIONS.join(", ")})`}`,
      );
    }
    if (!specs.has(path)) specs.set(path, new Map());
    specs.get(path)!.set(option, value);
  }
  const used = new Set<string>();
  const specFor = (path: string, type: DataType): FieldSpec => {
    used.add(path);
    const raw = specs.get(path) ?? new Map<string, string>();
    const key = (name: string) => `fields.${path}.${name}`;
    const num = (name: string): number | undefined => {
      const v = raw.get(name);
      return v === undefined ? undefined : options.number(key(name), -Number.MAX_VALUE, Number.MAX_VALUE);
    };
    const kind = options.choice(key("kind"), ["random", "sequence"], "random");
    const forbid = (name: string, allowed: boolean, what: string) => {
      if (raw.has(name) && !allowed)
        throw options.error(`option '${key(name)}' applies to ${what} fields only, not to ${type.kind}`);
    };
    forbid("min", kind === "random" && isNumeric(type), "random numeric");
    forbid("max", kind === "random" && isNumeric(type), "random numeric");
    forbid(
      "max-past",
      kind === "random" && ["DATE", "TIMESTAMP", "TIMESTAMP_LTZ"].includes(type.kind),
      "random date and timestamp",
    );
    forbid("length", kind === "random" && hasLength(type), "random string, bytes and collection");
    forbid("var-len", kind === "random" && hasLength(type), "random string and bytes");
    forbid("start", kind === "sequence", "sequence");
    forbid("end", kind === "sequence", "sequence");
    if (kind === "sequence") {
      if (!isInteger(type) && !isText(type) && type.kind !== "DECIMAL")
        throw options.error(
          `field '${path}': a sequence needs an integer, DECIMAL or string type, not ${type.kind}`,
        );
      if (!raw.has("start") || !raw.has("end"))
        throw options.error(
          `field '${path}': 'fields.${path}.start' and 'fields.${path}.end' are required for a sequence`,
        );
    }
    const spec: FieldSpec = {
      kind,
      ...(num("min") !== undefined ? { min: num("min")! } : {}),
      ...(num("max") !== undefined ? { max: num("max")! } : {}),
      ...(raw.has("max-past") ? { maxPastMs: options.duration(key("max-past"))! } : {}),
      ...(raw.has("length") ? { length: options.integer(key("length"), 0)! } : {}),
      varLen: options.boolean(key("var-len"), false),
      ...(raw.has("start") ? { start: options.integer(key("start"))! } : {}),
      ...(raw.has("end") ? { end: options.integer(key("end"))! } : {}),
      nullRate: options.number(key("null-rate"), 0, 1) ?? 0,
      nested:
        type.kind === "ROW"
          ? new Map(type.fields.map((f) => [f.name, specFor(`${path}.${f.name}`, f.type)]))
          : DEFAULT_SPEC.nested,
    };
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      throw options.error(`field '${path}': 'min' ${spec.min} is greater than 'max' ${spec.max}`);
    if (spec.start !== undefined && spec.end !== undefined && spec.start > spec.end)
      throw options.error(`field '${path}': 'start' ${spec.start} is greater than 'end' ${spec.end}`);
    return spec;
  };
  const fields = columns.map((c) => {
    if (!isGeneratable(c.type))
      throw options.error(`column '${c.name}': datagen cannot generate ${c.type.kind} values`);
    return { type: c.type, spec: specFor(c.name, c.type) };
  });
  for (const path of specs.keys()) {
    if (used.has(path)) continue;
    const near = closestMatch(path, [...used]);
    throw options.error(
      `options 'fields.${path}.*' name no column of the table${near ? `; did you mean '${near}'?` : ""}`,
    );
  }
  options.checkKnown(TABLE_KEYS, ["fields."]);
  return { rowsPerSecond, numberOfRows, seed, fields };
}
