import type { SqlValue } from "../../../common/value.ts";
import type { Job } from "../job.ts";
import { inputWatermarksOf } from "../operator-failure.ts";
import type { LayoutNode, PlanLayout } from "./plan-layout.ts";

/** The state of one source reader or operator, tagged with the plan node it belongs to. */
export interface PartState {
  readonly id: string;
  readonly description: string;
  /** `snapshot()`; null for an operator without state (Calc, Union, an upsert sink). */
  readonly state: SqlValue;
  /**
   * The watermarks of an operator's inputs. Restoring them makes a resumed job forward exactly the
   * watermarks an uninterrupted one would: a two-input operator does not wait for the input polled
   * second to re-announce a watermark it had already sent.
   */
  readonly inputs: SqlValue;
}

/**
 * A job between two steps: every reader's position and every operator's state. The engine's jobs
 * are synchronous and push-based — a step moves rows from the sources through every operator into
 * the sinks before it returns — so between steps nothing is in flight, and these snapshots taken
 * one after another form a consistent cut without barriers.
 */
export interface JobState {
  readonly fingerprint: string;
  readonly sources: readonly PartState[];
  readonly operators: readonly PartState[];
  /** Per connector writer: where its next keyless record goes (null when it keeps nothing). */
  readonly writers: readonly SqlValue[];
  /** Its input ended and its output was written: a restored job stays finished. */
  readonly finished: boolean;
  readonly recordsIn: number;
}

export function captureJobState(job: Job, layout: PlanLayout): JobState {
  const { sources, operators, writers } = job.pipeline;
  return {
    fingerprint: layout.fingerprint,
    sources: sources.map(({ reader }, i) =>
      part(layout.sources, i, reader.description, reader.snapshot(), null),
    ),
    operators: operators.map((op, i) =>
      part(layout.operators, i, op.description, op.snapshot(), inputWatermarksOf(op)?.snapshot() ?? null),
    ),
    writers: writers.map((w) => w.snapshot?.() ?? null),
    finished: job.status === "finished",
    recordsIn: job.recordsIn,
  };
}

/** Restores a job from state whose parts were matched to its readers and operators (see matchJobState). */
export function restoreJob(job: Job, restored: RestoredParts): void {
  const { sources, operators, writers } = job.pipeline;
  restored.sources.forEach((state, i) => {
    if (state !== undefined) sources[i]!.reader.restore(state);
  });
  restored.operators.forEach((part, i) => {
    if (part === undefined) return;
    if (part.state !== null) operators[i]!.restore(part.state);
    if (part.inputs !== null) inputWatermarksOf(operators[i]!)?.restore(part.inputs);
  });
  if (restored.writers.length === writers.length)
    restored.writers.forEach((state, i) => {
      if (state !== null) writers[i]!.restore?.(state);
    });
  job.recordsIn = restored.recordsIn;
  if (restored.finished) job.status = "finished";
}

/** Per reader and operator of the new job (by position): the state to restore, or undefined. */
export interface RestoredParts {
  readonly sources: readonly (SqlValue | undefined)[];
  readonly operators: readonly (PartState | undefined)[];
  readonly writers: readonly SqlValue[];
  readonly finished: boolean;
  readonly recordsIn: number;
}

/** True when the job's readers and operators are the layout's nodes, one for one and in order. */
export function alignedWithLayout(job: Job, layout: PlanLayout): boolean {
  const { sources, operators } = job.pipeline;
  return (
    sources.length === layout.sources.length &&
    operators.length === layout.operators.length &&
    sources.every(({ reader }, i) => reader.description === layout.sources[i]!.description) &&
    operators.every((op, i) => op.description === layout.operators[i]!.description)
  );
}

function part(
  nodes: readonly LayoutNode[],
  i: number,
  description: string,
  state: SqlValue,
  inputs: SqlValue,
): PartState {
  // A pipeline not aligned with its layout (alignedWithLayout) can only restore into an equal plan,
  // position by position; its parts carry no node id then.
  const node = nodes[i];
  return { id: node?.description === description ? node.id : "", description, state, inputs };
}

export function encodeJobState(state: JobState): SqlValue {
  const parts = (list: readonly PartState[]): SqlValue =>
    list.map((p) => [p.id, p.description, p.state, p.inputs]);
  return [
    state.fingerprint,
    state.finished,
    state.recordsIn,
    parts(state.sources),
    parts(state.operators),
    [...state.writers],
  ];
}

export function decodeJobState(value: SqlValue): JobState {
  const [fingerprint, finished, recordsIn, sources, operators, writers] = value as [
    string,
    boolean,
    number,
    SqlValue[][],
    SqlValue[][],
    SqlValue[],
  ];
  const parts = (list: SqlValue[][]): PartState[] =>
    list.map(([id, description, state, inputs]) => ({
      id: id as string,
      description: description as string,
      state: state ?? null,
      inputs: inputs ?? null,
    }));
  return {
    fingerprint,
    finished,
    recordsIn,
    sources: parts(sources),
    operators: parts(operators),
    writers,
  };
}
