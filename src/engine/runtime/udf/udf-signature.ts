import type { FunctionSignature, UserFunction } from "../../../sql/catalog/catalog.ts";
import { parseDataType } from "../../../sql/parser/index.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import type { UdfDefinition } from "./udf-definition.ts";

/** A value that is not a function definition the engine can run; the message says what is wrong. */
export class UdfShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UdfShapeError";
  }
}

// The loaded implementation of each signature the engine made: the catalog (in sql/) stays free of
// run-time objects, and an entry dropped from the catalog frees its implementation.
const IMPLEMENTATIONS = new WeakMap<FunctionSignature, UdfDefinition>();

/** The implementation behind a user function's signature, when the engine loaded one. */
export function implementationOf(fn: UserFunction): UdfDefinition | undefined {
  return fn.signature ? IMPLEMENTATIONS.get(fn.signature) : undefined;
}

/**
 * Checks that `value` is a function definition (`what` names it in errors: an export of a module, or
 * the API argument) and returns the signature the binder checks calls against.
 */
export function signatureOf(value: unknown, what: string): FunctionSignature {
  if (typeof value !== "object" || value === null)
    throw new UdfShapeError(
      `${what} is not a function definition (an object with kind, params, result and eval)`,
    );
  const d = value as Record<string, unknown>;
  const kind = d.kind;
  if (kind !== "scalar" && kind !== "table" && kind !== "aggregate")
    throw new UdfShapeError(
      `${what} has kind ${JSON.stringify(kind)}; expected 'scalar', 'table' or 'aggregate'`,
    );
  const methods = kind === "aggregate" ? ["createAccumulator", "accumulate", "getValue"] : ["eval"];
  for (const method of methods)
    if (typeof d[method] !== "function")
      throw new UdfShapeError(`${what} (a ${kind} function) has no ${method}() method`);
  for (const method of ["retract", "merge"])
    if (kind === "aggregate" && d[method] !== undefined && typeof d[method] !== "function")
      throw new UdfShapeError(`${what}: ${method} must be a method when present`);
  if (!Array.isArray(d.params) || d.params.some((p) => typeof p !== "string"))
    throw new UdfShapeError(
      `${what}: params must be an array of Flink SQL type strings, e.g. ['STRING', 'INT']`,
    );
  if (typeof d.result !== "string")
    throw new UdfShapeError(`${what}: result must be a Flink SQL type string, e.g. 'BIGINT'`);
  if (d.deterministic !== undefined && typeof d.deterministic !== "boolean")
    throw new UdfShapeError(`${what}: deterministic must be true or false`);
  const signature: FunctionSignature = Object.freeze({
    kind,
    params: Object.freeze((d.params as string[]).map((p, i) => typeOf(p, `${what}: parameter ${i + 1}`))),
    result: typeOf(d.result, `${what}: result`),
    deterministic: d.deterministic !== false,
  });
  IMPLEMENTATIONS.set(signature, value as UdfDefinition);
  return signature;
}

function typeOf(text: string, where: string): DataType {
  try {
    return parseDataType(text);
  } catch {
    throw new UdfShapeError(`${where} '${text}' is not a Flink SQL type`);
  }
}
