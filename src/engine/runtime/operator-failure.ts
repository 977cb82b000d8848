import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { formatRow } from "./format-row.ts";
import type { Collector, Operator } from "./operator.ts";
import { WatermarkCombiner } from "./time/watermark.ts";

/**
 * A row (or watermark) an operator could not process. It carries the operator and what it was
 * processing so the job's error can say who failed on what; the statement is added by the job.
 */
export class OperatorFailure extends Error {
  readonly operator: string;
  readonly row: string;
  override readonly cause: unknown;

  constructor(operator: string, input: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${operator} failed on ${input}: ${reason}`);
    this.name = "OperatorFailure";
    this.operator = operator;
    this.row = input;
    this.cause = cause;
  }
}

export function describeRow(kind: RowKind, row: Row): string {
  return `row ${kind}[${formatRow(row)}]`;
}

const combiners = new WeakMap<Operator, WatermarkCombiner>();

/** The watermarks of an operator's inputs, as `connectInputs` combines them (checkpoints keep them). */
export function inputWatermarksOf(operator: Operator): WatermarkCombiner | undefined {
  return combiners.get(operator);
}

/**
 * The collectors feeding `operator`'s `count` inputs. They tag the first failure with the operator
 * and the row that caused it, and combine the inputs' watermarks: the operator sees the minimum over
 * its active inputs, and when all of them are idle its output `out` is marked idle without it.
 */
export function connectInputs(operator: Operator, count: number, out: Collector): Collector[] {
  const combiner = new WatermarkCombiner(count);
  combiners.set(operator, combiner);
  const onWatermark = (timestamp: number | undefined): void => {
    if (timestamp === undefined) return;
    try {
      operator.onWatermark(timestamp);
    } catch (error) {
      if (error instanceof OperatorFailure) throw error;
      throw new OperatorFailure(operator.description, `watermark ${timestamp}`, error);
    }
  };
  return Array.from(
    { length: count },
    (_, input): Collector => ({
      collect(kind, row) {
        combiner.activate(input);
        try {
          operator.process(kind, row, input);
        } catch (error) {
          if (error instanceof OperatorFailure) throw error;
          throw new OperatorFailure(operator.description, describeRow(kind, row), error);
        }
      },
      watermark(timestamp) {
        onWatermark(combiner.advance(input, timestamp));
      },
      idle() {
        const result = combiner.markIdle(input);
        if (result === "idle") out.idle();
        else onWatermark(result);
      },
    }),
  );
}
