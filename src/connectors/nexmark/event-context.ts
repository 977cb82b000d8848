import type { EventLayout } from "./layout.ts";
import type { NexmarkOptions } from "./options.ts";
import type { SeededRandom } from "./random.ts";
import type { TextPools } from "./text.ts";

/** What the person, auction and bid builders share: the stream's shape, options, randomness, text. */
export interface EventContext {
  readonly options: NexmarkOptions;
  readonly layout: EventLayout;
  /** Already reset for the event being built. */
  readonly random: SeededRandom;
  readonly pools: TextPools;
}
