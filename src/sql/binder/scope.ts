import { keepShapeAlive } from "../../common/keep-shape.ts";
import type { Ident } from "../ast/names.ts";
import { mapArray } from "../map-array.ts";
import type { BoundQuery, OutputColumn } from "./bound.ts";

/** A relation visible in a FROM clause, with the names that can qualify its columns. */
export class ScopeRelation {
  readonly binding: number;
  /** `o` for `orders AS o`; for an unaliased table every suffix of its path: `t`, `db.t`, `cat.db.t`. */
  readonly qualifiers: readonly (readonly string[])[];
  readonly columns: readonly OutputColumn[];
  /**
   * Wide relations are searched on every column reference, so each gets a name index on its first
   * lookup, kept here rather than in a WeakMap (whose every entry costs the garbage collector). The
   * index remembers the length it covers: CREATE TABLE's scope grows as its columns are bound.
   */
  private byName: Map<string, number> | undefined = undefined;
  private indexed = 0;

  constructor(binding: number, qualifiers: readonly (readonly string[])[], columns: readonly OutputColumn[]) {
    this.binding = binding;
    this.qualifiers = qualifiers;
    this.columns = columns;
  }

  /** The position of the column `name`, or -1. */
  columnIndex(name: string): number {
    const columns = this.columns;
    if (columns.length < 16) {
      for (let i = 0; i < columns.length; i++) if (columns[i]!.name === name) return i;
      return -1;
    }
    let byName = this.byName;
    if (byName === undefined || this.indexed !== columns.length) {
      byName = new Map();
      for (let i = columns.length - 1; i >= 0; i--) byName.set(columns[i]!.name, i);
      this.byName = byName;
      this.indexed = columns.length;
    }
    return byName.get(name) ?? -1;
  }
}

/** A CTE visible by name, already bound. */
export interface CteBinding {
  readonly name: string;
  readonly query: BoundQuery;
  readonly columns: readonly OutputColumn[];
}

/** What a column lookup found; where, for "found", is in the {@link ColumnMatch} it was given. */
export type ColumnLookup = "found" | "ambiguous" | "missing";

/**
 * Where a lookup found its column: filled by {@link Scope.lookup}, read at once by the caller, who
 * reuses one for every lookup (column references are the binder's commonest node, and a result
 * object per lookup was a third of its allocations for them).
 */
export interface ColumnMatch {
  relation: ScopeRelation | undefined;
  column: number;
  /** How many parts of the compound identifier named the column (the rest are ROW fields). */
  consumed: number;
}

/**
 * Name resolution for one query level. Child scopes see their parent's relations for correlated
 * subqueries and LATERAL, and their parent's CTEs.
 */
export class Scope {
  readonly relations: ScopeRelation[] = [];
  /** Made by the first CTE: most scopes have none. */
  private ctes: Map<string, CteBinding> | undefined = undefined;
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
    this.ctes ??= new Map();
    this.ctes.set(cte.name, cte);
  }

  findCte(name: string): CteBinding | undefined {
    return this.ctes?.get(name) ?? this.parent?.findCte(name);
  }

  hasOwnCte(name: string): boolean {
    return this.ctes?.has(name) ?? false;
  }

  /**
   * Resolves the leading parts of a compound identifier to a column: `t.a` (qualified) is tried before
   * `a` (a column whose ROW fields follow). An ambiguous result is always of the first part alone.
   */
  lookup(parts: readonly Ident[], match: ColumnMatch): ColumnLookup {
    const relations = this.relations;
    for (let qualifierLength = Math.min(3, parts.length - 1); qualifierLength >= 1; qualifierLength--) {
      const columnName = parts[qualifierLength]!.value;
      for (const relation of relations) {
        if (!isQualifiedBy(relation, parts, qualifierLength)) continue;
        const column = relation.columnIndex(columnName);
        if (column < 0) continue;
        match.relation = relation;
        match.column = column;
        match.consumed = qualifierLength + 1;
        return "found";
      }
    }
    return this.lookupName(parts[0]!.value, match);
  }

  /** Resolves a column by its name alone (`a`), in every relation of this scope. */
  lookupName(name: string, match: ColumnMatch): ColumnLookup {
    const relations = this.relations;
    let found: ScopeRelation | undefined;
    let column = -1;
    for (const relation of relations) {
      const index = relation.columnIndex(name);
      if (index < 0) continue;
      if (found !== undefined) return "ambiguous";
      found = relation;
      column = index;
    }
    if (found === undefined) return "missing";
    match.relation = found;
    match.column = column;
    match.consumed = 1;
    return "found";
  }

  /** The relations of this scope with a column `name`: those an ambiguous lookup saw. */
  relationsWithColumn(name: string): ScopeRelation[] {
    return this.relations.filter((r) => r.columnIndex(name) >= 0);
  }

  /** Relations a `t.*` qualifier names. */
  relationsNamed(qualifier: readonly string[]): ScopeRelation[] {
    return this.relations.filter((r) => r.qualifiers.some((q) => sameParts(q, qualifier)));
  }

  /** Every column name visible here and in enclosing scopes, for "did you mean" hints. */
  visibleColumnNames(): string[] {
    const names = this.relations.flatMap((r) => mapArray(r.columns, (c) => c.name));
    return this.parent ? [...names, ...this.parent.visibleColumnNames()] : names;
  }
}

/** Whether the first `length` parts of `parts` are one of the relation's qualifiers. */
function isQualifiedBy(relation: ScopeRelation, parts: readonly Ident[], length: number): boolean {
  for (const qualifier of relation.qualifiers) {
    if (qualifier.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = qualifier[i] === parts[i]!.value;
    if (same) return true;
  }
  return false;
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

keepShapeAlive(new Scope());
keepShapeAlive(new ScopeRelation(0, [], []));
