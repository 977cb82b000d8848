/** Checkpoints, savepoints and recovery of INSERT statements (see CheckpointCoordinator). */
export {
  CHECKPOINT_SETTINGS,
  type CheckpointConfig,
  CheckpointCoordinator,
  type StatementRecovery,
} from "./checkpoint-coordinator.ts";
export type { CheckpointedStatement, CompletedCheckpoint } from "./checkpointed-statement.ts";
export { CheckpointError } from "./restore-statement.ts";
export {
  readSnapshotFile,
  SNAPSHOT_FORMAT_VERSION,
  SnapshotFormatError,
  type SnapshotHeader,
} from "./snapshot-file.ts";
export {
  compareStatements,
  describeCompatibility,
  type JobShape,
  planShape,
  type StateCompatibility,
} from "./state-compatibility.ts";
