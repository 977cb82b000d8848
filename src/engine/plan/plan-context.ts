import type { Catalog } from "../../sql/catalog/catalog.ts";

/**
 * What planning one statement shares. Columns the planner invents (a grouping set's `$e`, the output
 * of VALUES) get bindings below zero, so they never meet the binder's, which count up from zero.
 */
export class PlanContext {
  readonly catalog: Catalog;
  /** A session setting (`SET 'key' = 'value'`) the plan depends on, e.g. whether OPTIONS hints apply. */
  readonly setting: (key: string) => string | undefined;
  private next = -1;

  constructor(catalog: Catalog, setting: (key: string) => string | undefined = () => undefined) {
    this.catalog = catalog;
    this.setting = setting;
  }

  freshBinding(): number {
    return this.next--;
  }
}
