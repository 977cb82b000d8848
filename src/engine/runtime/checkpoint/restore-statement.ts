import type { Job } from "../job.ts";
import { alignedWithLayout, decodeJobState, type JobState, restoreJob } from "./job-state.ts";
import type { PlanLayout } from "./plan-layout.ts";
import type { SnapshotFile } from "./snapshot-file.ts";
import { compareStatements, type JobShape, type StateCompatibility } from "./state-compatibility.ts";

/** A statement's state could not be restored: a missing or unreadable file, or incompatible state. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/**
 * Restores a statement's new jobs from a snapshot, after checking that its state fits them (see
 * StateCompatibility). Jobs whose plan is unchanged restore position by position; a compatible change
 * restores each piece of state into the operator with the same id. Throws CheckpointError, before
 * touching any job, when the state does not fit.
 */
export function restoreStatement(
  snapshot: SnapshotFile,
  file: string,
  statement: string,
  jobs: readonly Job[],
  layouts: readonly PlanLayout[],
): StateCompatibility {
  const saved = (snapshot.state as unknown[]).map((value) => decodeJobState(value as never));
  const next: JobShape[] = jobs.map((job, i) => freshShape(job, layouts[i]!));
  const comparison = compareStatements(saved.map(savedShape), next);
  if (comparison.verdict.kind === "incompatible")
    throw new CheckpointError(
      `statement '${statement}' cannot resume from ${file} (${snapshot.header.kind} ${snapshot.header.checkpointId}): ` +
        `${comparison.verdict.reasons.join("; ")}. ` +
        "Start it afresh: under a new name or a new table version (blue/green), or after discarding its state.",
    );
  comparison.jobs.forEach(({ from, match }, i) => {
    const old = saved[from]!;
    restoreJob(jobs[i]!, {
      sources: match.sources.map((at) => (at >= 0 ? old.sources[at]!.state : undefined)),
      operators: match.operators.map((at) => (at >= 0 ? old.operators[at] : undefined)),
      writers: old.writers,
      finished: old.finished && old.fingerprint === layouts[i]!.fingerprint,
      recordsIn: old.recordsIn,
    });
  });
  return comparison.verdict;
}

function savedShape(state: JobState): JobShape {
  return {
    fingerprint: state.fingerprint,
    sources: state.sources.map((s) => ({ id: s.id, description: s.description, stateful: true })),
    operators: state.operators.map((o) => ({
      id: o.id,
      description: o.description,
      stateful: o.state !== null,
    })),
  };
}

/** A new job's shape: an operator keeps state when its (empty) snapshot is not null. */
function freshShape(job: Job, layout: PlanLayout): JobShape {
  // Without alignment the parts cannot be told apart by id: only an unchanged plan restores.
  const aligned = alignedWithLayout(job, layout);
  const { sources, operators } = job.pipeline;
  return {
    fingerprint: layout.fingerprint,
    sources: sources.map(({ reader }, i) => ({
      id: aligned ? layout.sources[i]!.id : `unaligned-${i}`,
      description: reader.description,
      stateful: true,
    })),
    operators: operators.map((op, i) => ({
      id: aligned ? layout.operators[i]!.id : `unaligned-${i}`,
      description: op.description,
      stateful: op.snapshot() !== null,
    })),
  };
}
