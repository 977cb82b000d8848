/**
 * A run-time failure of one operator or function on one row (division by zero, a bad CAST, an
 * overflow), as Flink raises it. It never escapes as a crash: the operator evaluating the expression
 * catches it and adds the statement and row it was working on.
 */
export class SqlEvalError extends Error {
  /** The operator or function that failed, e.g. `/`, `CAST`, `ELEMENT`. */
  readonly function: string;

  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`);
    this.name = "SqlEvalError";
    this.function = fn;
  }
}

/** A bug in Headwater (a plan the compiler cannot handle), not a problem with the data. */
export class ExprInternalError extends Error {
  constructor(message: string) {
    super(`internal error in the expression compiler: ${message}`);
    this.name = "ExprInternalError";
  }
}
