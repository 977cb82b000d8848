export type {
  ArgInfo,
  FunctionDefinition,
  FunctionKind,
  FunctionTypeError,
  InferContext,
} from "./function-definition.ts";
export { jsonFunctionType } from "./json-functions.ts";
export { allFunctionNames, lookupFunction, lookupTableFunction } from "./registry.ts";
export { extractResultType } from "./temporal-functions.ts";
export { windowTvfColumns } from "./window-tvfs.ts";
