import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStatementState } from "../../src/pipelines/analysis/describe-state.ts";
import { lintProject } from "../../src/pipelines/lint/lint-project.ts";
import { metadataFiles, pipelineDefinitionFile } from "../../src/pipelines/metadata/write-metadata.ts";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { C360, expectGolden, expectGoldenFile, GOLDEN_PROJECTS } from "./golden.ts";

for (const [name, dir] of Object.entries(GOLDEN_PROJECTS)) {
  describe(`metadata of ${name}`, () => {
    const project = loadProject(dir);

    it("loads without findings", () => {
      expect(project.findings.map(renderFinding)).toEqual([]);
    });

    // Customer 360 commits its metadata as shift_left projects do, so those files are its goldens.
    const files = [
      ["inventory.json", metadataFiles(project).find((f) => f.path.endsWith("/inventory.json"))!],
      ...project.order.flatMap((table) => {
        const file = pipelineDefinitionFile(project, project.tables.get(table)!);
        return file ? [[`${table}.pipeline_definition.json`, file] as const] : [];
      }),
    ] as const;
    for (const [golden, file] of files) {
      it(file.path, () => {
        if (dir === C360) expectGoldenFile(join(C360, file.path), file.text);
        else expectGolden(`metadata/${name}/${golden}`, file.text);
      });
    }

    it("statefulness and its reasons", () => {
      const lines = project.order.map((table) => {
        const t = project.tables.get(table)!;
        const reasons = t.state.findings.map((f) => `${f.stateful ? "+" : "-"} ${f.reason}`).join("; ");
        const statements = t.state.statements.map((s) => `\n  ${describeStatementState(s)}`).join("");
        return `${table}: ${t.state.form} (shift_left: ${t.state.shiftLeftForm})${reasons ? ` — ${reasons}` : ""}${statements}`;
      });
      expectGolden(`metadata/${name}/statefulness.txt`, `${lines.join("\n")}\n`);
    });

    it("lint", () => {
      const { findings, allowed } = lintProject(project);
      const lines = [...findings.map(renderFinding), ...allowed.map((f) => `allowed: ${renderFinding(f)}`)];
      expectGolden(`lint/${name}.txt`, `${lines.join("\n")}\n`);
    });
  });
}
