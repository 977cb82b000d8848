import { type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import { keepShapeAlive } from "../../common/keep-shape.ts";
import type { Span } from "../../common/source.ts";
import type { Catalog } from "../catalog/catalog.ts";
import { SessionCatalog } from "../catalog/session-catalog.ts";

/** What a statement's binding shares: the catalog, the diagnostics it collects, binding numbers. */
export class BindContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly catalog: Catalog;
  private nextBinding = 0;
  /**
   * Relations that failed to bind (unknown table, bad window TVF): names they might hold are not
   * reported again. Made on the first failure: most statements have none.
   */
  private unresolved: Set<number> | undefined = undefined;
  private parameters = 0;
  /** While > 0, errors are dropped: the binder is trying an interpretation, not committing to it. */
  private trialDepth = 0;
  private trialFailed = false;

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  newBinding(): number {
    return this.nextBinding++;
  }

  markUnresolved(binding: number): void {
    this.unresolved ??= new Set();
    this.unresolved.add(binding);
  }

  isUnresolved(binding: number): boolean {
    return this.unresolved?.has(binding) ?? false;
  }

  nextParameterIndex(): number {
    return ++this.parameters;
  }

  error(code: string, message: string, span: Span, hints?: readonly string[]): void {
    if (this.trialDepth > 0) {
      this.trialFailed = true;
      return;
    }
    this.diagnostics.push(diagnostic(`bind/${code}`, message, span, hints));
  }

  /** Runs `attempt` with errors suppressed; returns its result only if it reported none. */
  trial<T>(attempt: () => T): T | undefined {
    const outerFailed = this.trialFailed;
    this.trialDepth++;
    this.trialFailed = false;
    try {
      const result = attempt();
      return this.trialFailed ? undefined : result;
    } finally {
      this.trialDepth--;
      this.trialFailed = outerFailed;
    }
  }
}

keepShapeAlive(new BindContext(new SessionCatalog()));
