import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { formatRow } from "./format-row.ts";

/**
 * A row an operator could not process. It carries the operator and the row so the job's error can
 * say who failed on what; the statement is added by the job.
 */
export class OperatorFailure extends Error {
  readonly operator: string;
  readonly row: string;
  override readonly cause: unknown;

  constructor(operator: string, kind: RowKind, row: Row, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const text = `${kind}[${formatRow(row)}]`;
    super(`${operator} failed on row ${text}: ${reason}`);
    this.name = "OperatorFailure";
    this.operator = operator;
    this.row = text;
    this.cause = cause;
  }
}

/** The collector feeding `operator`: tags the first failure with the operator and row that caused it. */
export function guardedInput(
  operator: { readonly description: string; process(kind: RowKind, row: Row, input: number): void },
  input: number,
): { collect(kind: RowKind, row: Row): void } {
  return {
    collect(kind, row) {
      try {
        operator.process(kind, row, input);
      } catch (error) {
        if (error instanceof OperatorFailure) throw error;
        throw new OperatorFailure(operator.description, kind, row, error);
      }
    },
  };
}
