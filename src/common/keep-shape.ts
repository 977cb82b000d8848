/**
 * Instances kept for the life of the process, one per hot class (see {@link keepShapeAlive}).
 */
const keptInstances: object[] = [];

/**
 * Keeps `instance` reachable so that its class's hidden class (V8's map) stays alive.
 *
 * V8 holds the map an object reaches by adding its fields only weakly, through the map before it. A
 * full garbage collection at a moment when no instance is alive (between two parses, say) frees the
 * map, and every optimized function that checked for it is thrown away: measured on the SQL front
 * end, a full collection between runs made the next run about twice as slow (each time ~100
 * functions deoptimized and ~300 recompiled). An idle instance built by the same constructor has
 * the same map and keeps it.
 */
export function keepShapeAlive(instance: object): void {
  keptInstances.push(instance);
}
