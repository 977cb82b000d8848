import type {
  Cte,
  GroupingElement,
  NamedWindow,
  Query,
  QueryBody,
  Select,
  SelectItem,
  SetOperation,
  Values,
} from "../ast/index.ts";
import { block, indentedList } from "./layout.ts";
import { printCondition, printExpr, printExprList } from "./print-expression.ts";
import { printHints, printIdent, printIdentList } from "./print-names.ts";
import { printTableRef } from "./print-table-ref.ts";
import { printOrderBy, printWindowSpec } from "./print-window.ts";

/**
 * A query, each clause on its own line:
 *
 *   WITH a AS (
 *     SELECT ...
 *   ), b AS (
 *     ...
 *   )
 *   SELECT ...
 *   ORDER BY ...
 *   LIMIT 10
 */
export function printQuery(query: Query): string {
  const lines: string[] = [];
  if (query.with.length > 0) lines.push(`WITH ${query.with.map(printCte).join(", ")}`);
  lines.push(printBody(query.body));
  if (query.orderBy.length > 0) lines.push(printOrderBy(query.orderBy));
  if (query.limit) lines.push(`LIMIT ${printExpr(query.limit)}`);
  if (query.offset) lines.push(`OFFSET ${printExpr(query.offset)}`);
  return lines.join("\n");
}

function printCte(cte: Cte): string {
  const columns = cte.columns.length > 0 ? ` ${printIdentList(cte.columns)}` : "";
  return `${printIdent(cte.name)}${columns} AS ${block(printQuery(cte.query))}`;
}

function printBody(body: QueryBody): string {
  switch (body.kind) {
    case "select":
      return printSelect(body);
    case "setOp":
      return printSetOperation(body);
    case "values":
      return printValues(body);
    case "query":
      return block(printQuery(body));
    default:
      return body satisfies never;
  }
}

function printSelect(select: Select): string {
  const head = ["SELECT"];
  if (select.hints.length > 0) head.push(printHints(select.hints));
  if (select.distinct) head.push("DISTINCT");
  const items = select.items.map(printSelectItem);
  const lines = [
    items.length === 1 ? `${head.join(" ")} ${items[0]}` : `${head.join(" ")}\n${indentedList(items)}`,
  ];
  if (select.from) lines.push(`FROM ${printTableRef(select.from)}`);
  if (select.where) lines.push(`WHERE ${printCondition(select.where)}`);
  if (select.groupBy.length > 0)
    lines.push(`GROUP BY ${select.groupBy.map(printGroupingElement).join(", ")}`);
  if (select.having) lines.push(`HAVING ${printCondition(select.having)}`);
  if (select.windows.length > 0) lines.push(`WINDOW ${select.windows.map(printNamedWindow).join(", ")}`);
  return lines.join("\n");
}

function printSelectItem(item: SelectItem): string {
  const expr = printExpr(item.expr);
  return item.alias ? `${expr} AS ${printIdent(item.alias)}` : expr;
}

function printGroupingElement(element: GroupingElement): string {
  switch (element.kind) {
    case "groupExpr":
      return printExpr(element.expr);
    case "emptyGroup":
      return "()";
    case "rollup":
      return `ROLLUP(${printExprList(element.elements)})`;
    case "cube":
      return `CUBE(${printExprList(element.elements)})`;
    case "groupingSets":
      return `GROUPING SETS (${element.sets.map(printGroupingElement).join(", ")})`;
    default:
      return element satisfies never;
  }
}

function printNamedWindow(window: NamedWindow): string {
  return `${printIdent(window.name)} AS ${printWindowSpec(window.spec)}`;
}

/**
 * `left UNION ALL right`, the operator on its own line. INTERSECT binds tighter than UNION and EXCEPT,
 * and all three associate to the left, so an operand is parenthesized when it binds more loosely than
 * its position allows.
 */
function printSetOperation(op: SetOperation): string {
  const level = setPrecedence(op.op);
  const left = printSetOperand(op.left, level);
  const right = printSetOperand(op.right, level + 1);
  return `${left}\n${op.op}${op.all ? " ALL" : ""}\n${right}`;
}

function printSetOperand(body: QueryBody, minimum: number): string {
  return body.kind === "setOp" && setPrecedence(body.op) < minimum
    ? block(printSetOperation(body))
    : printBody(body);
}

function setPrecedence(op: SetOperation["op"]): number {
  return op === "INTERSECT" ? 2 : 1;
}

/** `VALUES (1, 'a')`, or one row per line when there are several. */
function printValues(values: Values): string {
  const rows = values.rows.map((row) => `(${printExprList(row)})`);
  return rows.length === 1 ? `VALUES ${rows[0]}` : `VALUES\n${indentedList(rows)}`;
}
