import type { Catalog } from "../../sql/catalog/catalog.ts";

/**
 * What planning one statement shares. Columns the planner invents (a grouping set's `$e`, the output
 * of VALUES) get bindings below zero, so they never meet the binder's, which count up from zero.
 */
export class PlanContext {
  readonly catalog: Catalog;
  private next = -1;

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  freshBinding(): number {
    return this.next--;
  }
}
