import { isStoreTable } from "../../../connectors/index.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";

/** The store tables a statement scans and writes (by path): how commits flow between statements. */
interface Flow {
  readonly reads: ReadonlySet<string>;
  readonly writes: ReadonlySet<string>;
  /** When its last checkpoint was taken (the engine's clock), or when it started. */
  lastAt: number;
  /** An upstream statement committed rows it scans since its last checkpoint taken at rest. */
  pending: boolean;
  /** `commitsSoFar` when it was last marked. */
  markedAt: number;
  /** The oldest mark its next checkpoint covers: it waits only for upstream marks as old. */
  since: number;
  /** Records its jobs had read at its last checkpoint (input-driven triggering). */
  readAtCheckpoint: number;
}

/**
 * Cuts the lag of chains of INSERTs over store tables. A statement's output becomes visible to the
 * statements reading it only when its checkpoint commits; with periodic checkpoints alone, a row
 * crosses a chain of depth d in up to d intervals. Here, a commit marks the statements that scan one
 * of the tables it wrote; once the engine is at rest (every job has consumed what is committed), a
 * marked statement checkpoints at once, so the row reaches the end of the chain within one interval
 * plus processing. Exactly-once is untouched: a cascaded checkpoint is an ordinary one taken between
 * steps, only sooner.
 *
 * Bounded so it cannot storm or loop: a statement is marked at most once until it checkpoints; it
 * waits while a statement upstream of it was marked no later than itself (one checkpoint after both
 * commits, instead of one after each) — but not for marks that came after its own, or a busy
 * upstream re-marked by its other inputs would hold it until its periodic checkpoint; and it
 * cascades at most once per `interval / 10` — a cycle of statements reading each other's output
 * checkpoints no more often than that.
 *
 * With an input pause (`inputPauseMs`), statements that read new records since their last checkpoint
 * count as marked too, in rounds at most that pause apart: statements reading tables written outside
 * the engine's statements (a demo's raw events, a producer's store topics) then commit soon after
 * their input commits, not only at their interval. A round takes every such statement at once
 * (aligned), so a statement reading several of them is marked by all their commits together and
 * checkpoints once, not once per input; the cascade's gap is then at most the pause, and a marked
 * statement no longer waits for marked upstream statements: fresher output for a few more
 * checkpoints.
 */
export class CheckpointCascade {
  private readonly flows = new Map<string, Flow>();
  /** Commits of statements writing store tables, counted: which marks a checkpoint at rest covers. */
  commitsSoFar = 0;
  /** When the last input-driven round was taken (the engine's clock). */
  private lastInputRound = Number.NEGATIVE_INFINITY;

  register(statement: string, plans: readonly PhysicalPlan[], now: number): void {
    const reads = new Set<string>();
    const writes = new Set<string>();
    const visit = (plan: PhysicalPlan): void => {
      const node = plan.node;
      if (node.kind === "TableSourceScan" && isStoreTable(node.table)) reads.add(node.table.path.join("."));
      if (node.kind === "Sink" && isStoreTable(node.table)) writes.add(node.table.path.join("."));
      for (const input of plan.inputs) visit(input);
    };
    for (const plan of plans) visit(plan);
    this.flows.set(statement, {
      reads,
      writes,
      lastAt: now,
      pending: false,
      markedAt: 0,
      since: 0,
      readAtCheckpoint: 0,
    });
  }

  forget(statement: string): void {
    this.flows.delete(statement);
  }

  /** A checkpoint of `statement` committed: the statements scanning what it wrote have new input. */
  committed(statement: string): void {
    const writes = this.flows.get(statement)?.writes;
    if (!writes || writes.size === 0) return;
    this.commitsSoFar++;
    for (const [id, flow] of this.flows)
      if (id !== statement && overlaps(flow.reads, writes)) {
        if (!flow.pending) flow.since = this.commitsSoFar;
        flow.pending = true;
        flow.markedAt = this.commitsSoFar;
      }
  }

  /**
   * `statement` took a checkpoint, its jobs having read `read` records. Taken at rest, it holds the
   * commits upstream up to `consumed` (`commitsSoFar` when the engine came to rest); a later mark stays.
   */
  checkpointed(statement: string, now: number, consumed: number | undefined, read: number): void {
    const flow = this.flows.get(statement);
    if (!flow) return;
    flow.lastAt = now;
    flow.readAtCheckpoint = read;
    if (consumed === undefined) return;
    if (flow.markedAt <= consumed) flow.pending = false;
    else flow.since = consumed + 1;
  }

  /**
   * Whether a statement checkpoints now (the engine at rest, its jobs having read `read` records), and
   * why: `marked` and past its minimum gap, or (with `inputPauseMs`) `fed` new input a pause after the
   * last input round; and no statement it reads from was marked before it and has yet to commit.
   */
  due(
    statement: string,
    timing: { readonly intervalMs: number; readonly inputPauseMs: number | undefined },
    now: number,
    read: number,
  ): "marked" | "fed" | undefined {
    const flow = this.flows.get(statement);
    if (!flow) return undefined;
    const since = now - flow.lastAt;
    // Input rounds a pause apart feed the cascade: its gap is no longer than that pause.
    const gap = Math.min(timing.intervalMs / 10, timing.inputPauseMs ?? Number.POSITIVE_INFINITY);
    const marked = flow.pending && since >= gap;
    // A statement still busy when the round began joins it once caught up, not a pause later.
    const fed =
      timing.inputPauseMs !== undefined &&
      read > flow.readAtCheckpoint &&
      (now - this.lastInputRound >= timing.inputPauseMs || flow.lastAt < this.lastInputRound);
    if (!marked && !fed) return undefined;
    // Input rounds coalesce upstream commits already; waiting for a slow sibling upstream (one
    // marked by the same commit) would hold this statement's own input back by that sibling's work.
    if (timing.inputPauseMs !== undefined) return fed ? "fed" : "marked";
    const mark = flow.pending ? flow.since : this.commitsSoFar;
    for (const [id, other] of this.flows)
      if (id !== statement && other.pending && other.since <= mark && overlaps(flow.reads, other.writes))
        return undefined;
    return fed ? "fed" : "marked";
  }

  /**
   * The statements in the order rows flow between them: each after every statement writing a table
   * it scans (in registration order where the flow leaves a choice; a cycle is cut where it closes).
   */
  upstreamFirst(): string[] {
    const ordered: string[] = [];
    const visiting = new Set<string>();
    const visit = (id: string): void => {
      if (visiting.has(id) || ordered.includes(id)) return;
      visiting.add(id);
      const flow = this.flows.get(id)!;
      for (const [other, upstream] of this.flows)
        if (other !== id && overlaps(flow.reads, upstream.writes)) visit(other);
      ordered.push(id);
    };
    for (const id of this.flows.keys()) visit(id);
    return ordered;
  }

  /** Statements checkpointed for new input at `now`: the next input round waits a pause. */
  inputRoundTaken(now: number): void {
    this.lastInputRound = now;
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
