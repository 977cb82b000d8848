import type { Diagnostic } from "../common/diagnostic.ts";
import type { SourceText } from "../common/source.ts";
import { bindScriptStatement, type ScriptStatement } from "./binder/index.ts";
import { SessionCatalog } from "./catalog/session-catalog.ts";
import { mapArray } from "./map-array.ts";
import { parseScript } from "./parser/index.ts";

export interface CheckedSource {
  readonly source: SourceText;
  readonly statements: readonly ScriptStatement[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses and binds several sources in order against one catalog, so a file can use the tables an
 * earlier file created. Statements with syntax errors are skipped by the binder; all errors are kept.
 */
export function checkSources(
  sources: readonly SourceText[],
  catalog = new SessionCatalog(),
): CheckedSource[] {
  return mapArray(sources, (source) => {
    // Each statement is bound as soon as it is parsed, while its tree is still in the CPU's caches:
    // binding a whole parsed script afterwards re-reads every node from memory.
    const statements: ScriptStatement[] = [];
    const bindDiagnostics: Diagnostic[] = [];
    const parsed = parseScript(source, (statement) =>
      statements.push(bindScriptStatement(statement, catalog, bindDiagnostics)),
    );
    const diagnostics = [...parsed.diagnostics, ...bindDiagnostics].sort(
      (a, b) => a.span.start - b.span.start,
    );
    return { source, statements, diagnostics };
  });
}
