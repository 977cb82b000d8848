import type { StatementSetup } from "./worker-setup.ts";

/**
 * What crosses between the threads of the worker pool. Every message names its statement (`s`): the
 * pool's workers run the parallel instances of several statements. Data messages of one exchange
 * travel on one channel per (producer instance, consumer instance) pair, in order: rows,
 * watermarks, idleness and the end of the producer's input arrive as they were sent.
 */
export type ExchangeMessage =
  | {
      readonly t: "rows";
      readonly s: number;
      readonly x: number;
      readonly from: number;
      readonly rows: ArrayBuffer;
    }
  | {
      readonly t: "watermark";
      readonly s: number;
      readonly x: number;
      readonly from: number;
      readonly timestamp: number;
    }
  | { readonly t: "idle"; readonly s: number; readonly x: number; readonly from: number }
  | { readonly t: "end"; readonly s: number; readonly x: number; readonly from: number };

/** From the main thread to a worker. */
export type ControlMessage =
  /** Runs this worker's instance of a statement's parallel stages. */
  | { readonly t: "start"; readonly s: number; readonly setup: StatementSetup }
  /** The statement ended, failed or was canceled: its instance stops and is forgotten. */
  | { readonly t: "stop"; readonly s: number }
  /** A bounded run: sources end at the input available now. */
  | { readonly t: "bound"; readonly s: number }
  /** The engine's clock moved: processing time of the statement's operators. */
  | { readonly t: "time"; readonly s: number; readonly now: number };

/** From a worker to the main thread. */
export type WorkerReport =
  /** The worker has loaded the engine's modules and listens. */
  | { readonly t: "ready" }
  /** A row or watermark the worker's operators could not process: the statement fails. */
  | { readonly t: "failed"; readonly s: number; readonly message: string }
  /** The worker released the statement's last message in flight: every thread has caught up. */
  | { readonly t: "quiet"; readonly s: number }
  /**
   * Rows worker `from`'s instance has read from the statement's sources so far, and what its
   * connectors counted since the last report (`records-in`, `bad-records-ignored`, ...).
   */
  | {
      readonly t: "progress" | "finished";
      readonly s: number;
      readonly from: number;
      readonly recordsIn: number;
      readonly counters: readonly ConnectorCount[];
    };

/** A connector's counter of a table (`ConnectorContext.count`), counted on a worker. */
export interface ConnectorCount {
  readonly table: readonly string[];
  readonly metric: string;
  readonly n: number;
}

export type ThreadMessage = ExchangeMessage | ControlMessage | WorkerReport;

export function isExchangeMessage(message: ThreadMessage): message is ExchangeMessage {
  return message.t === "rows" || message.t === "watermark" || message.t === "idle" || message.t === "end";
}
