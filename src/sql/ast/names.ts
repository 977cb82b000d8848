import { keepShapeAlive } from "../../common/keep-shape.ts";
import { LineTable, type Span, TextSpan } from "../../common/source.ts";

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

/**
 * An identifier as the parser reads it, which is also its own span: an identifier is one token, so
 * its region needs no object of its own (scripts hold about as many identifiers as all other nodes
 * together, and a span object per identifier was a sixth of the parser's objects).
 *
 * `span` is a getter, not a field, so that the node holds no reference to itself: a structured clone
 * (plans sent to worker threads) keeps the offsets and drops it, as it drops a TextSpan's line getters.
 */
export class ParsedIdent extends TextSpan implements Ident {
  readonly kind = "ident";
  readonly value: string;
  readonly quoted: boolean;

  constructor(value: string, quoted: boolean, start: number, end: number, lines: LineTable) {
    super(start, end, lines);
    this.value = value;
    this.quoted = quoted;
  }

  get span(): Span {
    return this;
  }

  /**
   * JSON shows the identifier where it is a node, and only its region where another node uses it as
   * its span (a one-word column's span is its identifier): `key` is the property being written.
   */
  override toJSON(key?: string): Span | IdentJson {
    const span = this.plain();
    if (key !== undefined && isSpanProperty(key)) return span;
    return { kind: "ident", value: this.value, quoted: this.quoted, span };
  }
}

/**
 * Whether a node's property holds a region (`span`, `aliasSpan`, …) rather than a child: a one-word
 * node's span may be its identifier itself (`ParsedIdent`), which walkers of the tree must not visit twice.
 */
export function isSpanProperty(key: string): boolean {
  return key === "span" || key.endsWith("Span");
}

interface IdentJson {
  readonly kind: "ident";
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

keepShapeAlive(new ParsedIdent("", false, 0, 0, new LineTable("")));

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
