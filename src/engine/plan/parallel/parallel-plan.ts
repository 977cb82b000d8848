import type { TableSourceScanNode } from "../physical/exec-node.ts";
import type { PhysicalPlan } from "../physical/infer-changelog-mode.ts";
import { type Distribution, describeExchange, requiredDistribution } from "./distribution.ts";
import { outputPartitioning, type Partitioning, sameKeys } from "./partitioning.ts";

/**
 * Where an operator runs: in the main thread (one instance, beside the session's tables, the
 * collecting client and the sinks) or on the workers (one instance per worker).
 */
export type Placement = "main" | "workers";

/** Rows crossing from one operator to its consumer through channels, by the consumer's distribution. */
export interface Exchange {
  readonly id: number;
  /** Preorder index of the producing node; the consumer is its parent (none for the root). */
  readonly producer: number;
  /** `hash` to the workers, or `single`: gathered into the main thread. */
  readonly distribution: Exclude<Distribution, { kind: "any" }>;
  readonly from: Placement;
  readonly to: Placement;
  /** Whether EXPLAIN prints it: Flink forwards into sinks and the client without an exchange. */
  readonly shown: boolean;
}

/** A statement's operators placed for `parallelism` workers, and the exchanges between them. */
export interface ParallelPlan {
  readonly plan: PhysicalPlan;
  readonly parallelism: number;
  /** Every node in preorder (a node, then its inputs in order): the index names a node in any thread. */
  readonly nodes: readonly PhysicalPlan[];
  readonly placements: readonly Placement[];
  /** By producer index. */
  readonly exchanges: ReadonlyMap<number, Exchange>;
}

/** The nodes of `plan` in preorder. */
export function numberNodes(plan: PhysicalPlan): PhysicalPlan[] {
  const nodes: PhysicalPlan[] = [];
  const visit = (p: PhysicalPlan): void => {
    nodes.push(p);
    for (const input of p.inputs) visit(input);
  };
  visit(plan);
  return nodes;
}

/**
 * Cuts the plan at exchanges as Flink's planner does for a parallel job: a keyed operator's inputs
 * are hash-partitioned by its key; an operator without a key (a global aggregate, a sort) and the
 * statement's end run in the main thread, which gathers their input; stateless operators run where
 * their input runs. Sources run on the workers when `readsInParallel` says their splits can be
 * divided among instances, else once in the main thread.
 */
export function planParallel(
  plan: PhysicalPlan,
  parallelism: number,
  readsInParallel: (scan: TableSourceScanNode) => boolean,
): ParallelPlan {
  const nodes = numberNodes(plan);
  const index = new Map(nodes.map((p, i) => [p, i]));
  const placements: Placement[] = new Array(nodes.length);
  const partitionings: Partitioning[] = new Array(nodes.length);
  const exchanges = new Map<number, Exchange>();
  const addExchange = (
    producer: number,
    distribution: Exchange["distribution"],
    to: Placement,
    shown: boolean,
  ) =>
    exchanges.set(producer, {
      id: exchanges.size,
      producer,
      distribution,
      from: placements[producer]!,
      to,
      shown,
    });

  const place = (p: PhysicalPlan): Placement => {
    const at = index.get(p)!;
    const inputs = p.inputs.map(place);
    const node = p.node;
    const required = p.inputs.map((_, i) => requiredDistribution(node, i));
    let placement: Placement;
    if (node.kind === "TableSourceScan") placement = readsInParallel(node) ? "workers" : "main";
    else if (node.kind === "Values") placement = "main";
    else if (required.some((d) => d.kind === "hash")) placement = "workers";
    else if (required.some((d) => d.kind === "single")) placement = "main";
    else placement = inputs.every((i) => i === "workers") ? "workers" : "main";
    placements[at] = placement;
    const partitioned = p.inputs.map((input, i): Partitioning => {
      const wanted = required[i]!;
      const producer = index.get(input)!;
      const kept = inputs[i] === placement ? partitionings[producer] : undefined;
      if (wanted.kind === "hash") {
        // Already partitioned by this key on the workers: rows stay where they are (forward).
        if (!sameKeys(kept, wanted.keys)) addExchange(producer, wanted, placement, true);
        return wanted.keys;
      }
      if (inputs[i] !== placement)
        addExchange(
          producer,
          { kind: "single" },
          placement,
          wanted.kind === "single" && node.kind !== "Sink",
        );
      return kept;
    });
    partitionings[at] = placement === "workers" ? outputPartitioning(node, partitioned) : undefined;
    return placement;
  };
  // The client collecting a query's rows, and a sink's writer, are in the main thread.
  if (place(plan) === "workers") addExchange(0, { kind: "single" }, "main", false);
  return { plan, parallelism, nodes, placements, exchanges };
}

/** The EXPLAIN line of the exchange feeding on `p`'s rows, if one is printed. */
export function exchangeLine(parallel: ParallelPlan, p: PhysicalPlan): string | undefined {
  const at = parallel.nodes.indexOf(p);
  const exchange = parallel.exchanges.get(at);
  if (!exchange?.shown) return undefined;
  return describeExchange(exchange.distribution, p.node.fields);
}
