import type { Span } from "../../common/source.ts";

/** A statement the engine cannot run (yet, or ever, as in Flink); points at the offending clause. */
export class PlanError extends Error {
  readonly span: Span | undefined;

  constructor(message: string, span?: Span) {
    super(message);
    this.name = "PlanError";
    this.span = span;
  }
}

export function notSupported(what: string, span?: Span): PlanError {
  return new PlanError(`${what} is not supported by the Headwater engine yet`, span);
}
