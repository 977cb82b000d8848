import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFiles } from "../../src/pipelines/changes/changed-files.ts";
import { proposeChanges } from "../../src/pipelines/changes/propose-changes.ts";
import { nextVersionName } from "../../src/pipelines/changes/versioning.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { copyFixture, editFile, writeFile } from "./testing/projects.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
}

/** The shift_left graph committed on main, then checked out on a feature branch. */
function repo(): string {
  const dir = copyFixture("shift-left-graph");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "base");
  git(dir, "checkout", "-qb", "feature");
  return dir;
}

function propose(dir: string, since?: string) {
  const changes = changedFiles(dir, "pipelines", since);
  if ("error" in changes) throw new Error(changes.error);
  return proposeChanges(loadProject(dir, {}), changes);
}

const summary = (dir: string, since?: string) =>
  propose(dir, since).tables.map((t) => [t.table, t.change, t.action, t.newName ?? ""]);

const Y_DML = "pipelines/intermediates/p2/y/sql-scripts/dml.y.sql";
const F_DML = "pipelines/facts/p2/f/sql-scripts/dml.f.sql";

describe("headwater changes", () => {
  it("a stateless change above stateful tables is versioned blue/green with all its descendants", () => {
    const dir = repo();
    editFile(dir, Y_DML, (t) => t.replace("UPPER(y_value)", "LOWER(y_value)"));
    git(dir, "commit", "-qam", "y lower-cases");
    editFile(dir, F_DML, (t) => t.replace("'f-'", "'f:'")); // not committed: the working tree counts
    editFile(
      dir,
      "pipelines/facts/p2/p/sql-scripts/dml.p.sql",
      (t) => `-- a comment\n${t.split("\n").join("\n ")}`,
    );
    const report = propose(dir);
    expect(report.baseFrom).toBe("merge base of HEAD and main");
    expect(report.files.map((f) => [f.path, f.status, f.table, f.formattingOnly])).toEqual([
      [F_DML, "modified", "f", false],
      ["pipelines/facts/p2/p/sql-scripts/dml.p.sql", "modified", "p", true],
      [Y_DML, "modified", "y", false],
    ]);
    expect(report.tables.map((t) => [t.table, t.change, t.action, t.newName ?? ""])).toEqual([
      ["y", "modified", "blue-green", "y_v2"],
      ["z", "impacted", "blue-green", "z_v2"],
      ["c", "impacted", "blue-green", "c_v2"],
      ["d", "impacted", "blue-green", "d_v2"],
      ["e", "impacted", "blue-green", "e_v2"],
      ["f", "modified", "blue-green", "f_v2"],
      ["p", "formatting", "blue-green", "p_v2"],
    ]);
    const reasons = Object.fromEntries(report.tables.map((t) => [t.table, t.reason]));
    expect(reasons.y).toBe(
      "changed; stateless, but its descendants z, d are stateful and must rebuild their state from its new output: version it and them",
    );
    expect(reasons.e).toBe(
      "reads c, whose new version is c_v2: its own new version reads that (cascade from y)",
    );
  });

  it("a stateful change is versioned; a change above stateless tables only restarts in place", () => {
    const dir = repo();
    editFile(dir, "pipelines/intermediates/p2/b/sql-scripts/dml.b.sql", (t) => t.replace("MAX(", "MIN("));
    expect(summary(dir)).toEqual([
      ["b", "modified", "blue-green", "b_v2"],
      ["c", "impacted", "blue-green", "c_v2"],
      ["e", "impacted", "blue-green", "e_v2"],
    ]);
    expect(propose(dir).tables[0]!.reason).toBe(
      "changed and stateful (GroupAggregate(groupBy=[default_key]) keeps an accumulator per group): run b_v2 beside it until it has caught up, then switch",
    );
    git(dir, "checkout", "-q", "--", ".");
    editFile(dir, "pipelines/intermediates/p2/c/sql-scripts/dml.c.sql", (t) => t.replace("'c-value'", "'c'"));
    expect(summary(dir)).toEqual([
      ["c", "modified", "restart", ""],
      ["e", "impacted", "keep-running", ""],
    ]);
  });

  it("new and removed tables; --since a commit; formatting alone changes nothing", () => {
    const dir = repo();
    const base = git(dir, "rev-parse", "HEAD").trim();
    git(dir, "rm", "-rq", "pipelines/facts/p2/p");
    git(dir, "commit", "-qm", "drop p");
    writeFile(dir, "pipelines/facts/p2/q/sql-scripts/ddl.q.sql", "CREATE TABLE q (k STRING);\n");
    writeFile(
      dir,
      "pipelines/facts/p2/q/sql-scripts/dml.q.sql",
      "INSERT INTO q SELECT default_key FROM z;\n",
    );
    editFile(dir, F_DML, (t) => t.replace("SELECT", "select"));
    expect(summary(dir, base)).toEqual([
      ["f", "formatting", "none", ""],
      ["q", "new", "deploy", ""],
      ["p", "removed", "undeploy", ""],
    ]);
    // Since the last commit, p's removal is no longer a change.
    expect(summary(dir, "HEAD").map((t) => t[0])).toEqual(["f", "q"]);
  });

  it("says why when there is nothing to compare with", () => {
    const dir = repo();
    expect(changedFiles(dir, "pipelines", "no-such-ref")).toEqual({
      error: "'no-such-ref' names no commit of the repository",
    });
    const plain = mkdtempSync(join(tmpdir(), "hw-nogit-"));
    expect(changedFiles(plain, "pipelines")).toMatchObject({
      error: expect.stringMatching(/is not in a git repository/),
    });
    rmSync(plain, { recursive: true });
    git(dir, "branch", "-qm", "main", "trunk");
    expect(changedFiles(dir, "pipelines")).toEqual({
      error: "found no origin/main, main, origin/master, master to compare with: pass --since REF",
    });
  });

  it("versions names as shift_left does", () => {
    expect(nextVersionName("orders")).toBe("orders_v2");
    expect(nextVersionName("orders_v2")).toBe("orders_v3");
    expect(nextVersionName("orders_v9")).toBe("orders_v10");
    expect(nextVersionName("orders_v")).toBe("orders_v_v2");
  });

  it("the CLI prints the table or JSON", () => {
    const dir = repo();
    editFile(dir, F_DML, (t) => t.replace("'f-'", "'f:'"));
    const run = (...args: string[]) =>
      spawnSync(
        join(ROOT, "node_modules", ".bin", "node"),
        ["--no-warnings", join(ROOT, "src/cli/main.ts"), ...args],
        {
          encoding: "utf8",
        },
      );
    const text = run("changes", "--project", dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("1  f      modified  Stateless  restart");
    const json = JSON.parse(run("changes", "--json", "--project", dir).stdout);
    expect(json.tables).toEqual([
      {
        table: "f",
        change: "modified",
        files: [F_DML],
        form: "Stateless",
        action: "restart",
        reason: "changed; it is stateless: restart it in place, nothing to rebuild",
      },
    ]);
    expect(run("changes", "--since", "nope", "--project", dir).status).toBe(1);
  });
});
