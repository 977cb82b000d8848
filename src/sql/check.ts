import type { Diagnostic } from "../common/diagnostic.ts";
import type { SourceText } from "../common/source.ts";
import type { Statement } from "./ast/statement.ts";
import type { BoundStatement } from "./binder/bound.ts";
import { bindScript } from "./binder/index.ts";
import { SessionCatalog } from "./catalog/session-catalog.ts";
import { parseScript } from "./parser/index.ts";

export interface CheckedSource {
  readonly source: SourceText;
  readonly statements: readonly { readonly statement: Statement; readonly bound?: BoundStatement }[];
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
  return sources.map((source) => {
    const parsed = parseScript(source);
    const bound = bindScript(parsed.statements, catalog);
    const diagnostics = [...parsed.diagnostics, ...bound.diagnostics].sort(
      (a, b) => a.span.start - b.span.start,
    );
    return { source, statements: bound.statements, diagnostics };
  });
}
