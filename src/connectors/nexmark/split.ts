import type { Row } from "../../common/value.ts";
import type { NexmarkGenerator } from "./generator.ts";

/**
 * Reader `splitIndex` of `parallelism`: stream indexes splitIndex, splitIndex + p, splitIndex + 2p, …
 * The splits are disjoint and together are exactly the parallelism-1 stream, and every split moves
 * through event time at the same pace, so per-split watermarks stay close together.
 *
 * This differs on purpose from Flink's source, whose p splits each get their own id range and their
 * own timeline (so Flink's stream changes with parallelism). Here the stream is defined once, which
 * is what lets results be compared across parallelism and against a loaded copy of the events.
 */
export class NexmarkSplit {
  readonly splitIndex: number;
  readonly parallelism: number;
  private readonly generator: NexmarkGenerator;
  private nextIndex: number;

  /** `resumeAt` is a `position` saved from an earlier reader of the same split (a checkpoint). */
  constructor(generator: NexmarkGenerator, splitIndex: number, parallelism: number, resumeAt?: number) {
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      throw new RangeError(`nexmark parallelism must be a positive integer, got ${parallelism}`);
    }
    if (!Number.isInteger(splitIndex) || splitIndex < 0 || splitIndex >= parallelism) {
      throw new RangeError(`nexmark split index must be in [0, ${parallelism}), got ${splitIndex}`);
    }
    if (resumeAt !== undefined && (resumeAt < splitIndex || (resumeAt - splitIndex) % parallelism !== 0)) {
      throw new RangeError(
        `position ${resumeAt} does not belong to nexmark split ${splitIndex} of ${parallelism}`,
      );
    }
    this.generator = generator;
    this.splitIndex = splitIndex;
    this.parallelism = parallelism;
    this.nextIndex = resumeAt ?? splitIndex;
  }

  /** The stream index this split produces next; save it to resume later. */
  get position(): number {
    return this.nextIndex;
  }

  hasNext(): boolean {
    return this.nextIndex < this.generator.eventCount;
  }

  /** Up to `maxRows` next events of this split; an empty array once it is exhausted. */
  nextBatch(maxRows: number): Row[] {
    const rows: Row[] = [];
    const end = this.generator.eventCount;
    while (rows.length < maxRows && this.nextIndex < end) {
      rows.push(this.generator.event(this.nextIndex));
      this.nextIndex += this.parallelism;
    }
    return rows;
  }
}
