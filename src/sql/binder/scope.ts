import type { BoundQuery, OutputColumn } from "./bound.ts";

/** A relation visible in a FROM clause, with the names that can qualify its columns. */
export interface ScopeRelation {
  readonly binding: number;
  /** `o` for `orders AS o`; for an unaliased table every suffix of its path: `t`, `db.t`, `cat.db.t`. */
  readonly qualifiers: readonly (readonly string[])[];
  readonly columns: readonly OutputColumn[];
}

/** A CTE visible by name, already bound. */
export interface CteBinding {
  readonly name: string;
  readonly query: BoundQuery;
  readonly columns: readonly OutputColumn[];
}

export type ColumnLookup =
  | {
      readonly kind: "found";
      readonly relation: ScopeRelation;
      readonly column: number;
      readonly consumed: number;
    }
  | { readonly kind: "ambiguous"; readonly name: string; readonly relations: readonly ScopeRelation[] }
  | { readonly kind: "missing" };

/**
 * Name resolution for one query level. Child scopes see their parent's relations for correlated
 * subqueries and LATERAL, and their parent's CTEs.
 */
export class Scope {
  readonly relations: ScopeRelation[] = [];
  private readonly ctes = new Map<string, CteBinding>();
  readonly parent: Scope | undefined;
  /** False for a scope that only holds CTE names: it is not a query level for correlation depth. */
  readonly queryLevel: boolean;

  constructor(parent?: Scope, queryLevel = true) {
    this.parent = parent;
    this.queryLevel = queryLevel;
  }

  add(relation: ScopeRelation): void {
    this.relations.push(relation);
  }

  addCte(cte: CteBinding): void {
    this.ctes.set(cte.name, cte);
  }

  findCte(name: string): CteBinding | undefined {
    return this.ctes.get(name) ?? this.parent?.findCte(name);
  }

  hasOwnCte(name: string): boolean {
    return this.ctes.has(name);
  }

  /**
   * Resolves the leading parts of a compound identifier to a column: `t.a` (qualified) is tried before
   * `a` (a column whose ROW fields follow). `consumed` says how many parts named the column.
   */
  lookup(parts: readonly string[]): ColumnLookup {
    for (let qualifierLength = Math.min(3, parts.length - 1); qualifierLength >= 1; qualifierLength--) {
      const qualifier = parts.slice(0, qualifierLength);
      const columnName = parts[qualifierLength]!;
      const relations = this.relations.filter((r) => r.qualifiers.some((q) => sameParts(q, qualifier)));
      for (const relation of relations) {
        const column = relation.columns.findIndex((c) => c.name === columnName);
        if (column >= 0) return { kind: "found", relation, column, consumed: qualifierLength + 1 };
      }
    }
    const name = parts[0]!;
    const matches = this.relations.filter((r) => r.columns.some((c) => c.name === name));
    if (matches.length > 1) return { kind: "ambiguous", name, relations: matches };
    const relation = matches[0];
    if (relation)
      return {
        kind: "found",
        relation,
        column: relation.columns.findIndex((c) => c.name === name),
        consumed: 1,
      };
    return { kind: "missing" };
  }

  /** Relations a `t.*` qualifier names. */
  relationsNamed(qualifier: readonly string[]): ScopeRelation[] {
    return this.relations.filter((r) => r.qualifiers.some((q) => sameParts(q, qualifier)));
  }

  /** Every column name visible here and in enclosing scopes, for "did you mean" hints. */
  visibleColumnNames(): string[] {
    const names = this.relations.flatMap((r) => r.columns.map((c) => c.name));
    return this.parent ? [...names, ...this.parent.visibleColumnNames()] : names;
  }
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
