import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { Channel } from "./exchange-output.ts";
import { type InFlight, portChannel } from "./in-flight.ts";
import type { ControlMessage, ThreadMessage } from "./messages.ts";
import type { WorkerSetup } from "./worker-setup.ts";

const WORKER_ENTRY = new URL("./worker-entry.ts", import.meta.url);

/** A statement's side of the pool: what its workers report, and a worker that died. */
export interface PoolListener {
  message(message: ThreadMessage): void;
  crashed(error: Error): void;
}

/**
 * The worker threads of an engine's parallel statements, one per instance, each with a port to
 * every other. Starting a thread loads the engine's modules (seconds on a busy machine), so the
 * threads are started once and run the instances of every parallel statement; a statement's
 * instances are stopped when it ends, fails or is canceled. Idle, the threads do not keep the
 * process alive; a thread that dies fails the statements running on it, and the pool is replaced.
 */
export class WorkerPool {
  readonly parallelism: number;
  private readonly workers: readonly Worker[];
  private readonly listeners = new Map<number, PoolListener>();
  private nextId = 1;
  private dead: Error | undefined;
  /** Resolves once every worker has loaded the engine (seconds on a busy machine), rejects if one dies first. */
  readonly ready: Promise<void>;
  private waiting: number;
  private started!: { resolve: () => void; reject: (error: Error) => void };

  constructor(parallelism: number) {
    this.parallelism = parallelism;
    this.waiting = parallelism;
    this.ready = new Promise<void>((resolve, reject) => {
      this.started = { resolve, reject };
    });
    // A pool that dies before anyone waits must not be an unhandled rejection.
    this.ready.catch(() => undefined);
    const peers: (MessagePort | null)[][] = Array.from({ length: parallelism }, () =>
      new Array(parallelism).fill(null),
    );
    for (let a = 0; a < parallelism; a++)
      for (let b = a + 1; b < parallelism; b++) {
        const { port1, port2 } = new MessageChannel();
        peers[a]![b] = port1;
        peers[b]![a] = port2;
      }
    this.workers = peers.map((ports, instance) => {
      const setup: WorkerSetup = { parallelism, instance, peers: ports };
      const transferList = ports.filter((port): port is MessagePort => port !== null);
      const worker = new Worker(WORKER_ENTRY, { workerData: setup, transferList });
      worker.on("message", (message: ThreadMessage) => {
        if ("s" in message) this.listeners.get(message.s)?.message(message);
        else if (message.t === "ready" && --this.waiting === 0) this.started.resolve();
      });
      worker.on("error", (error) => this.die(error));
      worker.on("exit", (code) => this.die(new Error(`worker ${instance} exited (code ${code})`)));
      worker.unref();
      return worker;
    });
  }

  /** False once a worker has died or the pool was closed. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Registers a statement; its id tags every message of its instances. */
  register(listener: PoolListener): number {
    const id = this.nextId++;
    if (this.listeners.size === 0) for (const worker of this.workers) worker.ref();
    this.listeners.set(id, listener);
    return id;
  }

  /** Channels from the main thread to each worker, counted in the statement's `inFlight`. */
  channels(inFlight: InFlight): Channel[] {
    return this.workers.map((worker) => portChannel(worker, inFlight));
  }

  post(instance: number, message: ControlMessage): void {
    this.workers[instance]!.postMessage(message);
  }

  /** The statement is over: its instances stop, and idle threads no longer hold the process. */
  release(id: number): void {
    if (!this.listeners.delete(id)) return;
    if (this.alive) for (let i = 0; i < this.workers.length; i++) this.post(i, { t: "stop", s: id });
    if (this.listeners.size === 0) for (const worker of this.workers) worker.unref();
  }

  async close(): Promise<void> {
    this.die(new Error("the engine was closed"));
    await Promise.allSettled(this.workers.map((worker) => worker.terminate()));
  }

  private die(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    this.started.reject(error);
    const listeners = [...this.listeners.values()];
    this.listeners.clear();
    for (const listener of listeners) listener.crashed(error);
    for (const worker of this.workers) void worker.terminate();
  }
}

/** An engine's pools, one per parallelism, started with the first statement that needs one. */
export class WorkerPools {
  private readonly pools = new Map<number, WorkerPool>();

  get(parallelism: number): WorkerPool {
    let pool = this.pools.get(parallelism);
    if (!pool?.alive) {
      pool = new WorkerPool(parallelism);
      this.pools.set(parallelism, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map((pool) => pool.close()));
  }
}
