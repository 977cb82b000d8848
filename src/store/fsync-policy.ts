/**
 * When appended records are forced to stable storage (fdatasync). Every append is written to the
 * operating system with a synchronous write before `appendBatch` returns, so in every policy an
 * acknowledged record survives a crash or SIGKILL of the Node process. The policies differ only in
 * what survives a crash of the machine (power loss, kernel panic):
 *
 * - `every-batch`: `appendBatch` returns only after its records are on disk. Nothing acknowledged is lost.
 * - `interval`: dirty partitions are synced every `ms` milliseconds (and at segment roll and close).
 *   A machine crash loses at most the records acknowledged in the last `ms` plus one sync's duration.
 * - `never`: the operating system writes back when it likes (Linux: typically within ~30 s). A machine
 *   crash may lose any records not yet written back.
 *
 * In all policies a machine crash never leaves a half-written or corrupt record visible: recovery at
 * open cuts the log after the last record whose length and checksum are intact. Transaction commits
 * and consumer-group offset commits are always synced before they return, whatever the policy.
 */
export type FsyncPolicy =
  | { readonly kind: "every-batch" }
  | { readonly kind: "interval"; readonly ms: number }
  | { readonly kind: "never" };

export const DEFAULT_FSYNC_POLICY: FsyncPolicy = { kind: "interval", ms: 1000 };
