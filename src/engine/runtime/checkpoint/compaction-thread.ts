import { Worker } from "node:worker_threads";
import type { CompactionReply, CompactionRequest } from "./compaction-messages.ts";

const THREAD_ENTRY = new URL("./compaction-thread-entry.ts", import.meta.url);

/** How a compaction ended: the base written (its size), or an error (the chain stays as it was). */
export type CompactionOutcome = { readonly bytes: number } | { readonly error: Error };

/** A compaction asked of the thread: settles with its outcome; `abandon` gives up on it. */
export interface CompactionTask {
  readonly outcome: Promise<CompactionOutcome>;
  abandon(): void;
}

/**
 * Runs checkpoint-chain compactions (ChainCompaction) on a thread of their own, one after another:
 * a merge reads the whole state and writes it again — seconds of CPU and disk for a large state,
 * which on the event loop held up the jobs' rounds, the checkpoints and every lookup (slices of a
 * few milliseconds overran by hundreds when a step fsynced or opened fifty files). The files are
 * immutable and retention keeps a chain's files while a newer checkpoint chains through them, so the
 * thread needs no live state. Started at the first compaction; it does not keep the process alive
 * (an interrupted merge leaves a temporary file the next start removes).
 *
 * Abandoning a task that has not settled stops the thread (its merge cannot be interrupted between
 * two messages), failing the other tasks under way: their statements ask again at a later checkpoint.
 */
export class CompactionThread {
  private worker: Worker | undefined;
  private nextJob = 1;
  private readonly waiting = new Map<number, (outcome: CompactionOutcome) => void>();
  private closed = false;

  compact(chain: readonly string[], checkpointId: number, target: string): CompactionTask {
    const job = this.nextJob++;
    const outcome = new Promise<CompactionOutcome>((resolve) => {
      if (this.closed) return resolve({ error: new Error("the engine is closed") });
      this.waiting.set(job, resolve);
      const request: CompactionRequest = { job, chain, checkpointId, target };
      this.thread().postMessage(request);
    });
    return {
      outcome,
      abandon: () => {
        if (this.waiting.has(job)) this.stop(new Error("compaction abandoned"));
      },
    };
  }

  /** Stops the thread; compactions under way fail. */
  close(): void {
    this.closed = true;
    this.stop(new Error("the engine is closed"));
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_ENTRY);
    worker.on("message", (reply: CompactionReply) => {
      const resolve = this.waiting.get(reply.job);
      this.waiting.delete(reply.job);
      resolve?.("bytes" in reply ? { bytes: reply.bytes } : { error: new Error(reply.error) });
    });
    worker.on("error", (error) => this.lost(worker, error));
    worker.on("exit", (code) => this.lost(worker, new Error(`the compaction thread exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.lost(worker, reason);
    void worker.terminate();
  }

  /** The thread is gone (stopped, crashed): what it had yet to answer fails; the next task starts another. */
  private lost(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const resolve of waiting) resolve({ error: reason });
  }
}
