import type { MessagePort } from "node:worker_threads";
import type { Exchange, Placement } from "../../plan/parallel/parallel-plan.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";

/** What a pool worker starts with (structured-cloned; the ports transferred). */
export interface WorkerSetup {
  readonly parallelism: number;
  /** This worker's instance of every parallel stage. */
  readonly instance: number;
  /** A port to each other worker, by instance (null for itself). */
  readonly peers: readonly (MessagePort | null)[];
}

/** What a worker needs to run its instance of one statement. */
export interface StatementSetup {
  readonly statement: string;
  readonly plan: PhysicalPlan;
  readonly placements: readonly Placement[];
  readonly exchanges: readonly Exchange[];
  /** The statement's in-flight message count (see InFlight). */
  readonly inFlight: SharedArrayBuffer;
  readonly timeZone: string;
  readonly idleTimeout: number | undefined;
  /** The session's settings, as connectors read them. */
  readonly settings: readonly (readonly [string, string])[];
  /** The engine's clock when it is not the wall clock: the worker then follows `time` messages. */
  readonly now: number | undefined;
}
