import type { Span } from "../../../common/source.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import { PlanError } from "../../plan/plan-error.ts";

/** A user function registered without a TypeScript implementation (a Java class name, say). */
export function unrunnableFunction(name: string, fn: UserFunction, span?: Span): PlanError {
  return new PlanError(
    `function ${name} is implemented by '${fn.implementation}'${fn.language ? ` (${fn.language})` : ""}, which the Headwater engine cannot run: register a TypeScript implementation (CREATE FUNCTION ${name} AS 'module.ts#export' LANGUAGE TYPESCRIPT)`,
    span,
  );
}
