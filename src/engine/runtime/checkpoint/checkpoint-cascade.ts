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
 * waits while a statement upstream of it is marked too (one checkpoint after both commits, instead
 * of one after each); and it cascades at most once per `interval / 10` — a cycle of statements
 * reading each other's output checkpoints no more often than that.
 */
export class CheckpointCascade {
  private readonly flows = new Map<string, Flow>();
  /** Commits of statements writing store tables, counted: which marks a checkpoint at rest covers. */
  commitsSoFar = 0;

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
    this.flows.set(statement, { reads, writes, lastAt: now, pending: false, markedAt: 0 });
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
        flow.pending = true;
        flow.markedAt = this.commitsSoFar;
      }
  }

  /**
   * `statement` took a checkpoint. Taken at rest, it holds the commits upstream up to `consumed`
   * (`commitsSoFar` when the engine came to rest); a later mark stays.
   */
  checkpointed(statement: string, now: number, consumed: number | undefined): void {
    const flow = this.flows.get(statement);
    if (!flow) return;
    flow.lastAt = now;
    if (consumed !== undefined && flow.markedAt <= consumed) flow.pending = false;
  }

  /**
   * Whether a marked statement checkpoints now (the engine at rest): its minimum gap has passed and
   * no statement it reads from is marked.
   */
  due(statement: string, intervalMs: number, now: number): boolean {
    const flow = this.flows.get(statement);
    if (!flow?.pending || now - flow.lastAt < intervalMs / 10) return false;
    for (const [id, other] of this.flows)
      if (id !== statement && other.pending && overlaps(flow.reads, other.writes)) return false;
    return true;
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
