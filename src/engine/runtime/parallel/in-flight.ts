import type { Channel } from "./exchange-output.ts";
import type { ThreadMessage } from "./messages.ts";

/**
 * Messages sent between the threads of a parallel statement and not yet fully processed, counted in
 * shared memory: a sender counts a message before posting it; the receiver releases it once its
 * operators have processed everything it received and sent on what that produced (which the count
 * already holds). When the count reaches zero, every thread has caught up: what `execute` waits for.
 */
export class InFlight {
  private readonly count: Int32Array;
  private unreleased: number;

  /** `held`: units this thread holds from the start (a worker until its first pass). */
  constructor(shared: SharedArrayBuffer, held = 0) {
    this.count = new Int32Array(shared);
    this.unreleased = held;
  }

  /** A counter with `initial` units held by the threads about to start. */
  static create(initial: number): SharedArrayBuffer {
    const shared = new SharedArrayBuffer(4);
    new Int32Array(shared)[0] = initial;
    return shared;
  }

  sent(): void {
    Atomics.add(this.count, 0, 1);
  }

  received(): void {
    this.unreleased++;
  }

  /** Releases what this thread received and processed; true when that left nothing in flight. */
  release(): boolean {
    const held = this.unreleased;
    if (held === 0) return false;
    this.unreleased = 0;
    return Atomics.sub(this.count, 0, held) === held;
  }

  get quiet(): boolean {
    return Atomics.load(this.count, 0) === 0;
  }
}

/** What a channel posts through: a worker, a worker's parent port, or a port to another worker. */
export interface MessageTarget {
  postMessage(message: ThreadMessage, transfer?: readonly ArrayBuffer[]): void;
}

/** A channel to another thread, counted in flight. */
export function portChannel(target: MessageTarget, inFlight: InFlight): Channel {
  return {
    send(message, transfer) {
      inFlight.sent();
      target.postMessage(message, transfer ? [transfer] : []);
    },
  };
}
