/** What the engine asks the compaction thread: merge `chain` (oldest first) into the base `target`. */
export interface CompactionRequest {
  readonly job: number;
  readonly chain: readonly string[];
  readonly checkpointId: number;
  readonly target: string;
}

/** The thread's answer: the base's size, or why it was not written (the chain stays as it was). */
export type CompactionReply =
  | { readonly job: number; readonly bytes: number }
  | { readonly job: number; readonly error: string };
