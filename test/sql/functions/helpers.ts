import type { ArgInfo, InferContext } from "../../../src/sql/functions/function-definition.ts";
import { lookupFunction, lookupTableFunction } from "../../../src/sql/functions/registry.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

/** An argument: a type, or [type, literal value], or a bare time unit `{ unit: "DAY" }`. */
export type TestArg =
  | DataType
  | readonly [DataType, string | number | boolean | null]
  | { readonly unit: string };

function toArgInfo(arg: TestArg): ArgInfo {
  if (Array.isArray(arg)) return { type: arg[0], literal: arg[1] };
  if ("unit" in arg) return { type: { kind: "NULL", nullable: true }, timeUnit: arg.unit };
  return { type: arg as DataType };
}

/** The result of calling a built-in as the binder would: the formatted type, or `error: message`. */
export function infer(name: string, args: readonly TestArg[], ctx?: InferContext, table = false): string {
  const definition = table ? lookupTableFunction(name) : lookupFunction(name);
  if (!definition) throw new Error(`no built-in ${name}`);
  const result = definition.inferType(args.map(toArgInfo), ctx);
  return "error" in result ? `error: ${result.error}` : formatDataType(result);
}
