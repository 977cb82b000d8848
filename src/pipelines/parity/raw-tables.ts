import type { Row } from "../../common/value.ts";
import {
  RETAIL_DATA_SET_NAMES,
  type RetailDataSetName,
  type RetailEvent,
  retailSchema,
} from "../../connectors/retail/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { Project } from "../project/model.ts";

/** A raw topic of a project that the retail generator fills: the table `<data set>_raw`. */
export interface RawTableLayout {
  readonly dataSet: RetailDataSetName;
  /** The table's name in the project. */
  readonly name: string;
  readonly schema: TableSchema;
  /** For each stored column of the table: its position in the generator's row. */
  readonly fromEvent: readonly number[];
  readonly types: readonly DataType[];
}

/**
 * Which of a project's tables the retail generator feeds, and how a generated row becomes a row of
 * each: by column name, so a raw table may keep a subset of the data set's columns in any order. A
 * raw column the generator does not produce is a problem, as is a project without raw tables.
 */
export function rawTableLayouts(
  project: Project,
): { readonly layouts: ReadonlyMap<RetailDataSetName, RawTableLayout> } | { readonly problem: string } {
  const layouts = new Map<RetailDataSetName, RawTableLayout>();
  for (const dataSet of RETAIL_DATA_SET_NAMES) {
    const name = `${dataSet}_raw`;
    const schema = project.tables.get(name)?.schema;
    if (!schema) continue;
    const generated = retailSchema(dataSet).columns.map((c) => c.name);
    const stored = schema.columns.filter((c) => c.origin === "physical");
    const missing = stored.find((c) => !generated.includes(c.name));
    if (missing)
      return { problem: `column '${missing.name}' of ${name} is not in the generated ${dataSet} data set` };
    const fromEvent = stored.map((c) => generated.indexOf(c.name));
    layouts.set(dataSet, { dataSet, name, schema, fromEvent, types: stored.map((c) => c.type) });
  }
  if (layouts.size === 0) return { problem: "the project has no raw tables named <data set>_raw" };
  return { layouts };
}

/** A generated event as a row of its raw table. */
export function rawRow(layout: RawTableLayout, event: RetailEvent): Row {
  return layout.fromEvent.map((i) => event.row[i]!);
}
