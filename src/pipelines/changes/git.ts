import { spawnSync } from "node:child_process";

/** Runs git in `cwd` (no shell: arguments are passed as they are); stdout, or the error git printed. */
export function git(
  cwd: string,
  args: readonly string[],
): { ok: true; out: string } | { ok: false; error: string } {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { ok: false, error: `git could not run: ${result.error.message}` };
  if (result.status !== 0) return { ok: false, error: result.stderr.trim() || `git ${args[0]} failed` };
  return { ok: true, out: result.stdout };
}

/** The commit a reference names, or undefined when it names none. */
export function resolveCommit(cwd: string, ref: string): string | undefined {
  const result = git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  return result.ok ? result.out.trim() : undefined;
}

/** A file's text at a commit (`git show <commit>:<path>`), or undefined when it did not exist there. */
export function fileAt(cwd: string, commit: string, repoPath: string): string | undefined {
  const result = git(cwd, ["show", `${commit}:${repoPath}`]);
  return result.ok ? result.out : undefined;
}
