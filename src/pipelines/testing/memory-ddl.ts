import type { Statement } from "../../sql/ast/statement.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { printStatement } from "../../sql/printer/index.ts";

/**
 * The CREATE TABLE of a table as an in-memory table of the embedded engine: the same columns, primary
 * key and watermark, without the connector, format and Kafka options or the distribution — so a unit
 * test needs no broker, registry or cluster. Views keep their definition.
 */
export function memoryTableDdl(schema: TableSchema): string {
  const definition: Statement = schema.definition;
  if (definition.kind !== "createTable") return `${printStatement(definition)};`;
  const { distribution: _distribution, ...rest } = definition;
  const inMemory: Statement = {
    ...rest,
    options: [],
    partitionedBy: [],
    ifNotExists: false,
    orReplace: false,
  };
  return `${printStatement(inMemory)};`;
}
