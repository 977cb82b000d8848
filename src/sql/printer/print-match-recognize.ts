import type { AfterMatchSkip, MatchRecognize, PatternTerm } from "../ast/index.ts";
import { block, indentedList } from "./layout.ts";
import { printExpr, printExprList } from "./print-expression.ts";
import { printIntervalLiteral } from "./print-literal.ts";
import { printIdent, printIdentList, printTableAlias } from "./print-names.ts";
import { printTableRef } from "./print-table-ref.ts";
import { printOrderBy } from "./print-window.ts";

/**
 * `input MATCH_RECOGNIZE (...) AS alias`, one clause per line in the grammar's order: PARTITION BY,
 * ORDER BY, MEASURES, rows per match, AFTER MATCH SKIP, PATTERN [WITHIN], SUBSET, DEFINE.
 */
export function printMatchRecognize(match: MatchRecognize): string {
  const clauses: string[] = [];
  if (match.partitionBy.length > 0) clauses.push(`PARTITION BY ${printExprList(match.partitionBy)}`);
  if (match.orderBy.length > 0) clauses.push(printOrderBy(match.orderBy));
  if (match.measures.length > 0) {
    const measures = match.measures.map((m) => `${printExpr(m.expr)} AS ${printIdent(m.alias)}`);
    clauses.push(`MEASURES\n${indentedList(measures)}`);
  }
  if (match.rowsPerMatch) clauses.push(match.rowsPerMatch);
  if (match.afterMatch) clauses.push(`AFTER MATCH SKIP ${printAfterMatchSkip(match.afterMatch)}`);
  const within = match.within ? ` WITHIN ${printIntervalLiteral(match.within)}` : "";
  clauses.push(`PATTERN (${printPattern(match.pattern, PatternLevel.alternation)})${within}`);
  if (match.subsets.length > 0) {
    const subsets = match.subsets.map((s) => `${printIdent(s.name)} = ${printIdentList(s.variables)}`);
    clauses.push(`SUBSET ${subsets.join(", ")}`);
  }
  if (match.define.length > 0) {
    const definitions = match.define.map((d) => `${printIdent(d.variable)} AS ${printExpr(d.condition)}`);
    clauses.push(`DEFINE\n${indentedList(definitions)}`);
  }
  const text = `${printTableRef(match.input)}\nMATCH_RECOGNIZE ${block(clauses.join("\n"))}`;
  return match.alias ? `${text} ${printTableAlias(match.alias)}` : text;
}

function printAfterMatchSkip(skip: AfterMatchSkip): string {
  switch (skip.kind) {
    case "pastLastRow":
      return "PAST LAST ROW";
    case "toNextRow":
      return "TO NEXT ROW";
    case "toFirst":
      return `TO FIRST ${printIdent(skip.variable)}`;
    case "toLast":
      return `TO LAST ${printIdent(skip.variable)}`;
    default:
      return skip satisfies never;
  }
}

/** Row patterns bind like regular expressions: alternation `|` loosest, then sequence, then quantifiers. */
const PatternLevel = { alternation: 0, sequence: 1, quantified: 2 } as const;

type PatternLevelValue = (typeof PatternLevel)[keyof typeof PatternLevel];

function printPattern(term: PatternTerm, minimum: PatternLevelValue): string {
  const level = patternLevel(term);
  const text = printPatternTerm(term);
  return level < minimum ? `(${text})` : text;
}

function patternLevel(term: PatternTerm): PatternLevelValue {
  switch (term.kind) {
    case "patternAlt":
      return PatternLevel.alternation;
    case "patternSeq":
      return PatternLevel.sequence;
    default:
      return PatternLevel.quantified;
  }
}

function printPatternTerm(term: PatternTerm): string {
  switch (term.kind) {
    case "patternVar":
      return printIdent(term.name);
    case "patternSeq":
      return term.terms.map((t) => printPattern(t, PatternLevel.quantified)).join(" ");
    case "patternAlt":
      return term.alternatives.map((t) => printPattern(t, PatternLevel.sequence)).join(" | ");
    case "patternGroup":
      return `(${printPattern(term.term, PatternLevel.alternation)})`;
    case "patternAnchor":
      return term.anchor;
    case "patternExclusion":
      return `{- ${printPattern(term.term, PatternLevel.alternation)} -}`;
    case "patternPermute":
      return `PERMUTE(${term.terms.map((t) => printPattern(t, PatternLevel.alternation)).join(", ")})`;
    case "patternQuantified": {
      // A quantifier applies to one variable or group: `(A B)+`, never `A B+` for a quantified sequence.
      const operand =
        term.term.kind === "patternQuantified"
          ? `(${printPatternTerm(term.term)})`
          : printPattern(term.term, PatternLevel.quantified);
      return operand + printQuantifier(term) + (term.reluctant ? "?" : "");
    }
    default:
      return term satisfies never;
  }
}

function printQuantifier(term: Extract<PatternTerm, { kind: "patternQuantified" }>): string {
  switch (term.syntax) {
    case "*":
    case "+":
    case "?":
      return term.syntax;
    case "braces":
      if (term.max === term.min) return `{${term.min}}`;
      return `{${term.min},${term.max ?? ""}}`;
    default:
      return term.syntax satisfies never;
  }
}
