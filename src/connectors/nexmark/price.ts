import type { SeededRandom } from "./random.ts";

/** A price in cents, log-uniform from 100 to 100,000,000 (Flink's `PriceGenerator`). */
export function randomPrice(random: SeededRandom): number {
  return Math.round(10 ** (random.nextDouble() * 6) * 100);
}
