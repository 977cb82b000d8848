import { relative, resolve } from "node:path";
import { toPosix } from "../layout/discover.ts";
import { fileAt, git, resolveCommit } from "./git.ts";

export type FileStatus = "added" | "modified" | "deleted" | "renamed";

/** A SQL file of the pipelines that differs from the base commit (working tree included). */
export interface ChangedFile {
  /** Project-relative, `/`-separated; for a deleted file, where it was. */
  readonly path: string;
  readonly status: FileStatus;
  /** A renamed file's path at the base. */
  readonly previousPath?: string;
  /** The file's text at the base; absent for an added file. */
  readonly before?: string;
}

export interface ChangeSet {
  /** The base commit (full hash) and how it was chosen. */
  readonly base: string;
  readonly baseFrom: string;
  readonly files: readonly ChangedFile[];
}

/** The branches `changes` compares with when no --since is given, first found first. */
const MAIN_BRANCHES = ["origin/main", "main", "origin/master", "master"];

const STATUS: Readonly<Record<string, FileStatus>> = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
};

/**
 * The `.sql` files under the pipelines folder that differ between a base commit and the working tree
 * (committed, staged, unstaged and untracked changes alike). The base is `since` when given, else the
 * merge base of HEAD with main (origin/main, main, origin/master or master). Files under `tests/`
 * folders are fixtures, not pipelines, and are left out, as shift_left does.
 */
export function changedFiles(
  projectDir: string,
  pipelinesDir: string,
  since?: string,
): ChangeSet | { error: string } {
  const top = git(projectDir, ["rev-parse", "--show-toplevel"]);
  if (!top.ok) return { error: `${projectDir} is not in a git repository (${top.error})` };
  const root = top.out.trim();
  let base: string | undefined;
  let baseFrom: string;
  if (since !== undefined) {
    base = resolveCommit(projectDir, since);
    if (!base) return { error: `'${since}' names no commit of the repository` };
    baseFrom = since;
  } else {
    const branch = MAIN_BRANCHES.find((b) => resolveCommit(projectDir, b) !== undefined);
    if (!branch) return { error: `found no ${MAIN_BRANCHES.join(", ")} to compare with: pass --since REF` };
    const mergeBase = git(projectDir, ["merge-base", "HEAD", branch]);
    if (!mergeBase.ok) return { error: `no merge base of HEAD and ${branch}: ${mergeBase.error}` };
    base = mergeBase.out.trim();
    baseFrom = `merge base of HEAD and ${branch}`;
  }
  const scope = toPosix(relative(root, resolve(projectDir, pipelinesDir))) || ".";
  const diff = git(projectDir, ["diff", "--name-status", "-M", "--no-color", "-z", base, "--", scope]);
  if (!diff.ok) return { error: diff.error };
  const untracked = git(projectDir, ["ls-files", "--others", "--exclude-standard", "-z", "--", scope]);
  if (!untracked.ok) return { error: untracked.error };

  const toProject = (repoPath: string) => toPosix(relative(projectDir, resolve(root, repoPath)));
  const files: ChangedFile[] = [];
  const fields = diff.out.split("\0").filter((f) => f !== "");
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++]!;
    const status = STATUS[code[0]!] ?? "modified";
    const from = fields[i++]!;
    const to = status === "renamed" ? fields[i++]! : from;
    const before = status === "added" ? undefined : fileAt(projectDir, base, from);
    files.push({
      path: toProject(to),
      status,
      ...(status === "renamed" ? { previousPath: toProject(from) } : {}),
      ...(before !== undefined ? { before } : {}),
    });
  }
  for (const path of untracked.out.split("\0").filter((f) => f !== ""))
    files.push({ path: toProject(path), status: "added" });
  return {
    base,
    baseFrom,
    files: files
      .filter((f) => f.path.endsWith(".sql") && !f.path.split("/").includes("tests"))
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
}
