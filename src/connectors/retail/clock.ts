/** Time as the continuous mode sees it, injectable so tests run in virtual time. */
export interface Clock {
  /** Epoch millis. */
  now(): number;
  /** Resolves once `ms` have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Virtual time: `sleep` moves the clock forward at once, so a paced stream runs at full speed with
 * exactly the timestamps it would have in real time. `advance` simulates time passing elsewhere.
 */
export class ManualClock implements Clock {
  private time: number;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    return Promise.resolve();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
