import { keepShapeAlive } from "../../common/keep-shape.ts";
import type { Ident } from "../ast/names.ts";
import { mapArray } from "../map-array.ts";
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
        const column = columnIndex(relation, columnName);
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
      const index = columnIndex(relation, name);
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
    return this.relations.filter((r) => columnIndex(r, name) >= 0);
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

/**
 * Wide relations are searched on every column reference, so each gets a name index once. The index
 * remembers the length it covers: CREATE TABLE's scope grows as its columns are bound.
 */
const columnIndexes = new WeakMap<
  readonly OutputColumn[],
  { readonly length: number; readonly byName: Map<string, number> }
>();

function columnIndex(relation: ScopeRelation, name: string): number {
  const columns = relation.columns;
  if (columns.length < 16) {
    for (let i = 0; i < columns.length; i++) if (columns[i]!.name === name) return i;
    return -1;
  }
  let index = columnIndexes.get(columns);
  if (index === undefined || index.length !== columns.length) {
    const byName = new Map<string, number>();
    for (let i = columns.length - 1; i >= 0; i--) byName.set(columns[i]!.name, i);
    index = { length: columns.length, byName };
    columnIndexes.set(columns, index);
  }
  return index.byName.get(name) ?? -1;
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

keepShapeAlive(new Scope());
