import type { JoinRef, JoinType, TableAlias, TableRef } from "../ast/index.ts";
import { block } from "./layout.ts";
import { printCondition, printExpr, printExprList } from "./print-expression.ts";
import { printFunctionCall } from "./print-function-call.ts";
import { printMatchRecognize } from "./print-match-recognize.ts";
import { printHints, printIdentList, printQualifiedName, printTableAlias } from "./print-names.ts";
import { printQuery } from "./print-query.ts";

/** A FROM-clause item. Joins put each joined table on its own line, with its ON condition. */
export function printTableRef(ref: TableRef): string {
  switch (ref.kind) {
    case "namedTable": {
      const parts = [printQualifiedName(ref.name)];
      if (ref.hints.length > 0) parts.push(printHints(ref.hints));
      if (ref.asOf) parts.push(`FOR SYSTEM_TIME AS OF ${printExpr(ref.asOf)}`);
      return withAlias(parts.join(" "), ref.alias);
    }
    case "derivedTable":
      return withAlias(`${ref.lateral ? "LATERAL " : ""}${block(printQuery(ref.query))}`, ref.alias);
    case "tableFunction":
      return withAlias(`${ref.lateral ? "LATERAL " : ""}TABLE(${printFunctionCall(ref.call)})`, ref.alias);
    case "unnest":
      return withAlias(
        `UNNEST(${printExprList(ref.args)})${ref.withOrdinality ? " WITH ORDINALITY" : ""}`,
        ref.alias,
      );
    case "join":
      return printJoin(ref);
    case "matchRecognize":
      return printMatchRecognize(ref);
    default:
      return ref satisfies never;
  }
}

function withAlias(text: string, alias: TableAlias | undefined): string {
  return alias ? `${text} ${printTableAlias(alias)}` : text;
}

const JOIN_KEYWORDS: Record<Exclude<JoinType, "COMMA">, string> = {
  INNER: "JOIN",
  LEFT: "LEFT JOIN",
  RIGHT: "RIGHT JOIN",
  FULL: "FULL JOIN",
  CROSS: "CROSS JOIN",
};

/**
 * Joins associate to the left (`a JOIN b ON x JOIN c ON y` is `(a JOIN b) JOIN c`), so only a join on
 * the right-hand side needs parentheses. A comma join stays on its line: `FROM a, b`.
 */
function printJoin(join: JoinRef): string {
  const left = printTableRef(join.left);
  const rightText = printTableRef(join.right);
  const right = join.right.kind === "join" ? block(rightText) : rightText;
  if (join.type === "COMMA") return `${left}, ${right}`;
  let text = `${left}\n${join.natural ? "NATURAL " : ""}${JOIN_KEYWORDS[join.type]} ${right}`;
  if (join.on) text += ` ON ${printCondition(join.on)}`;
  if (join.using.length > 0) text += ` USING ${printIdentList(join.using)}`;
  return text;
}
