import type { Span } from "../../common/source.ts";

/**
 * An identifier as written. Flink matches identifiers case-sensitively; `quoted` records backticks so
 * the printer can keep `$rowtime` or `order` quoted.
 */
export interface Ident {
  readonly kind: "ident";
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** `catalog.db.table`, `db.table` or `table`. */
export interface QualifiedName {
  readonly kind: "qualifiedName";
  readonly parts: readonly Ident[];
  readonly span: Span;
}

/** A `'key' = 'value'` pair of a WITH clause, a SET statement or an OPTIONS hint. */
export interface Property {
  readonly kind: "property";
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** `/*+ NAME(...) *\/`: key-value options (OPTIONS, LOOKUP, STATE_TTL) or a list of table names (BROADCAST). */
export interface Hint {
  readonly kind: "hint";
  readonly name: Ident;
  readonly properties: readonly Property[];
  readonly args: readonly Ident[];
  readonly span: Span;
}

/** `AS t (a, b)` after a table reference. */
export interface TableAlias {
  readonly kind: "tableAlias";
  readonly name: Ident;
  readonly columns: readonly Ident[];
  readonly span: Span;
}
