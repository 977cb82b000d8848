import { type Ident, isSpanProperty } from "../../sql/ast/names.ts";
import { parseScript } from "../../sql/parser/index.ts";

/** The postfix of test copies in shift_left's committed files; the configured one replaces it on a cluster. */
export const COMMITTED_TEST_POSTFIX = "_ut";

/**
 * shift_left's fixtures name test copies of tables with a postfix (`src_x_ut`, `x_ut`); the engine
 * runs each test in its own session, so the tables keep their own names. This maps every identifier
 * `<table><postfix>` of a known table back to `<table>`, in place (the rest of the text stays as
 * written). A script that does not parse is returned unchanged: running it reports the syntax error
 * at its position.
 */
export function dropTestPostfix(
  sql: string,
  postfixes: readonly string[],
  tables: ReadonlySet<string>,
): string {
  const parsed = parseScript({ name: "", text: sql });
  if (parsed.diagnostics.length > 0) return sql;
  const renames: { ident: Ident; name: string }[] = [];
  collectIdents(parsed.statements, (ident) => {
    const postfix = postfixes.find(
      (p) => ident.value.endsWith(p) && tables.has(ident.value.slice(0, -p.length)),
    );
    if (postfix) renames.push({ ident, name: ident.value.slice(0, -postfix.length) });
  });
  let out = sql;
  for (const { ident, name } of renames.sort((a, b) => b.ident.span.start - a.ident.span.start))
    out = `${out.slice(0, ident.span.start)}${ident.quoted ? `\`${name}\`` : name}${out.slice(ident.span.end)}`;
  return out;
}

/** Every identifier node of an AST, found structurally so no statement or clause kind is missed. */
function collectIdents(node: unknown, found: (ident: Ident) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) collectIdents(item, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  if ((node as { kind?: unknown }).kind === "ident") {
    found(node as Ident);
    return;
  }
  for (const [key, value] of Object.entries(node)) if (!isSpanProperty(key)) collectIdents(value, found);
}
