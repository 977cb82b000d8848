/**
 * What crosses between the threads of a parallel statement. Data messages of one exchange travel
 * on one channel per (producer instance, consumer instance) pair, in order: rows, watermarks, idleness
 * and the end of the producer's input arrive as they were sent.
 */
export type ExchangeMessage =
  | { readonly t: "rows"; readonly x: number; readonly from: number; readonly rows: ArrayBuffer }
  | { readonly t: "watermark"; readonly x: number; readonly from: number; readonly timestamp: number }
  | { readonly t: "idle"; readonly x: number; readonly from: number }
  | { readonly t: "end"; readonly x: number; readonly from: number };

/** From the main thread to a worker. */
export type ControlMessage =
  /** A bounded run: sources end at the input available now. */
  | { readonly t: "bound" }
  /** The engine's clock moved: processing time of the worker's operators. */
  | { readonly t: "time"; readonly now: number };

/** From a worker to the main thread. */
export type WorkerReport =
  /** A row or watermark the worker's operators could not process: the statement fails. */
  | { readonly t: "failed"; readonly message: string }
  /** The worker released the last message in flight: every thread has caught up. */
  | { readonly t: "quiet" };

export type ThreadMessage = ExchangeMessage | ControlMessage | WorkerReport;

export function isExchangeMessage(message: ThreadMessage): message is ExchangeMessage {
  return message.t === "rows" || message.t === "watermark" || message.t === "idle" || message.t === "end";
}
