/** How the engine says a feature has not landed yet (engine/plan's `notSupported`, the runtime's checks). */
const NOT_YET = / is not supported by the Headwater engine yet|, which the engine does not compute yet/;

/**
 * Whether an engine message speaks of a gap in Headwater rather than of the statement: anything
 * else the planner refuses (an append sink fed updates, a window over an updating input) Flink
 * refuses too.
 */
export function isEngineGap(message: string): boolean {
  return NOT_YET.test(message);
}
