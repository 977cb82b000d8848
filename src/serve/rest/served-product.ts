import type { Row } from "../../common/value.ts";
import type { TableView } from "../../engine/index.ts";
import {
  type ContractColumn,
  checkProductTable,
  type ProductDescriptor,
  renderProductProblems,
} from "../../product/index.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { ProductEndpoint } from "./product-endpoint.ts";
import { type JsonEncoder, jsonEncoderFor } from "./values/json-value.ts";
import { type TextParser, textParserFor } from "./values/text-value.ts";

/** A served record: the contract's column names to JSON values. */
export type JsonRecord = Record<string, unknown>;

/**
 * The one place every record passes through before it leaves the server (lookups, listings, live
 * changes). Access policies plug in here: masking `pii`-tagged columns, dropping rows a caller may not
 * see. Until policies land, records are served as they are stored.
 */
export interface RecordPolicy {
  apply(record: JsonRecord, product: ServedProduct): JsonRecord;
}

export const SERVE_AS_STORED: RecordPolicy = { apply: (record) => record };

/** A column as consumers see it: the contract's name and promise, the table's position and type. */
export interface ServedColumn {
  readonly name: string;
  /** Position in the table's rows (TableView.columns). */
  readonly index: number;
  readonly type: DataType;
  readonly contract: ContractColumn;
  readonly encode: JsonEncoder;
  /** How a key, filter or cursor value of this column is read from text; absent for nested types. */
  readonly parse: TextParser | undefined;
  readonly pii: boolean;
}

export interface ServedProductOptions {
  readonly descriptor: ProductDescriptor;
  /** The stored table behind the product (Engine.table or a store-backed view). */
  readonly table: TableView;
  /** Endpoints the product adds, computed from its data (e.g. the C360 business views). */
  readonly endpoints?: readonly ProductEndpoint[];
  readonly policy?: RecordPolicy;
}

/**
 * A product ready to serve: its descriptor, its table and how each row becomes a JSON record.
 * Creating one checks the contract against the table; a mismatch is refused, not served.
 */
export class ServedProduct {
  readonly id: string;
  readonly descriptor: ProductDescriptor;
  readonly table: TableView;
  readonly columns: readonly ServedColumn[];
  /** The primary key in key order; empty for an append-only table. */
  readonly key: readonly ServedColumn[];
  readonly endpoints: readonly ProductEndpoint[];
  private readonly policy: RecordPolicy;

  constructor(options: ServedProductOptions) {
    const { descriptor, table } = options;
    const problems = checkProductTable(descriptor, table.schema);
    if (problems.length > 0)
      throw new Error(
        `product ${descriptor.product.id} does not match table ${table.schema.path.join(".")}:\n${renderProductProblems(problems)}`,
      );
    this.id = descriptor.product.id;
    this.descriptor = descriptor;
    this.table = table;
    this.endpoints = options.endpoints ?? [];
    this.policy = options.policy ?? SERVE_AS_STORED;
    const positions = new Map(table.columns.map((c, i) => [c.name, i]));
    this.columns = descriptor.contract.object.columns.map((contract) => {
      const index = positions.get(contract.column)!;
      const type = table.columns[index]!.type;
      return {
        name: contract.name,
        index,
        type,
        contract,
        encode: jsonEncoderFor(type),
        parse: textParserFor(type),
        pii: contract.tags.includes("pii"),
      };
    });
    const byColumn = new Map(this.columns.map((c) => [c.contract.column, c]));
    this.key = table.primaryKey.map((name) => byColumn.get(name)!);
  }

  /** A stored row as the record consumers get, through the product's policy. */
  record(row: Row): JsonRecord {
    const record: JsonRecord = {};
    for (const column of this.columns) record[column.name] = column.encode(row[column.index]!);
    return this.policy.apply(record, this);
  }

  column(name: string): ServedColumn | undefined {
    return this.columns.find((c) => c.name === name);
  }
}
