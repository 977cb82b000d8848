/** Change management: modified SQL from git, impacted tables, restart in place or blue/green versions. */
export { type ChangedFile, type ChangeSet, changedFiles } from "./changed-files.ts";
export {
  type ChangeAction,
  type ChangeReport,
  proposeChanges,
  type TableChangeKind,
  type TableProposal,
} from "./propose-changes.ts";
export { renderChanges } from "./render-changes.ts";
