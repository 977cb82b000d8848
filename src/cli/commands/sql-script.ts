import { renderDiagnostic } from "../../common/diagnostic.ts";
import type { SourceText, Span } from "../../common/source.ts";
import { type Engine, SqlError, type StatementResult } from "../../engine/index.ts";
import { parseScript } from "../../sql/parser/index.ts";

/**
 * Runs the statements in order and stops at the first that cannot run, as the SQL client's `-f`
 * does: the statements before it still run and print. A script that does not parse runs nothing.
 */
export async function runStatements(
  engine: Engine,
  source: SourceText,
): Promise<{ results: StatementResult[]; error?: string }> {
  const parsed = parseScript(source);
  if (parsed.diagnostics.length > 0)
    return { results: [], error: parsed.diagnostics.map((d) => renderDiagnostic(source, d)).join("\n\n") };
  const results: StatementResult[] = [];
  for (const statement of parsed.statements) {
    try {
      results.push(...(await engine.executeScript(onlyStatement(source.text, statement.span), source.name)));
    } catch (error) {
      if (!(error instanceof SqlError)) throw error;
      // Positions are offsets into the whole script, so the message can quote its own line.
      const message =
        error.diagnostics.length === 0
          ? error.message
          : error.diagnostics.map((d) => renderDiagnostic(source, d)).join("\n\n");
      return { results, error: message };
    }
  }
  return { results };
}

/** The script with everything but one statement blanked out, keeping every offset, line and column. */
function onlyStatement(text: string, span: Span): string {
  return text.slice(0, span.start).replace(/[^\n]/g, " ") + text.slice(span.start, span.end);
}
