import { SqlError } from "../../engine/index.ts";
import { isEngineGap } from "../analysis/engine-gap.ts";

/**
 * Why a statement of a test could not run. A feature the engine has not implemented yet reads
 * "not supported by the engine yet: <what> (file:line:col)"; any other error keeps the engine's
 * rendering (the file, line, caret and hint).
 */
export function describeEngineFailure(
  error: unknown,
  file: string,
): { message: string; unsupported: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  const diagnostic = error instanceof SqlError ? error.diagnostics[0] : undefined;
  const headline = diagnostic?.message ?? message.split("\n")[0]!;
  if (!isEngineGap(headline)) return { message, unsupported: false };
  const what = headline.replace(" is not supported by the Headwater engine yet", "");
  const where = diagnostic ? ` (${file}:${diagnostic.span.line}:${diagnostic.span.col})` : ` (${file})`;
  return { message: `not supported by the engine yet: ${what}${where}`, unsupported: true };
}
