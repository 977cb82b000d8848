import type { DataType } from "../../../sql/types/data-type.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";

/** A type as error messages show it: `INT`, `DECIMAL(10, 2)`, without NOT NULL. */
export function formatDataTypeShort(type: DataType): string {
  return formatDataType({ ...type, nullable: true });
}
