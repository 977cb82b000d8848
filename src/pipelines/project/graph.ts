/**
 * Kahn's algorithm over table names: parents first; among tables ready at the same time, the
 * earliest in `names` order goes first, so orders are deterministic. Edges to names outside `names`
 * are ignored. Returns the order, or the tables left on a cycle.
 */
export function topologicalOrder(
  names: readonly string[],
  parentsOf: (name: string) => readonly string[],
): { order: string[]; cyclic: string[] } {
  const inSet = new Set(names);
  const position = new Map(names.map((n, i) => [n, i]));
  const inDegree = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const name of names) {
    const parents = [...new Set(parentsOf(name))].filter((p) => inSet.has(p) && p !== name);
    inDegree.set(name, parents.length);
    for (const p of parents) children.set(p, [...(children.get(p) ?? []), name]);
  }
  const ready = names.filter((n) => inDegree.get(n) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const next = ready.shift()!;
    order.push(next);
    for (const child of children.get(next) ?? []) {
      const left = inDegree.get(child)! - 1;
      inDegree.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return { order, cyclic: names.filter((n) => !order.includes(n)) };
}

/** One cycle through `start` among `candidates`, as a path `a → b → a`, for the error message. */
export function findCycle(
  start: string,
  candidates: ReadonlySet<string>,
  parentsOf: (name: string) => readonly string[],
): string[] {
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    onPath.add(name);
    path.push(name);
    for (const parent of parentsOf(name)) {
      if (!candidates.has(parent)) continue;
      const found = visit(parent);
      if (found) return found;
    }
    path.pop();
    onPath.delete(name);
    return undefined;
  };
  return (visit(start) ?? [start]).reverse();
}

/** Every table reachable by following `next` from `start` (excluded), breadth first. */
export function reachable(start: string, next: (name: string) => readonly string[]): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  const out: string[] = [];
  while (queue.length > 0) {
    for (const n of next(queue.shift()!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      out.push(n);
      queue.push(n);
    }
  }
  return out;
}
