import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStatementState } from "../../src/pipelines/analysis/describe-state.ts";
import { lintProject } from "../../src/pipelines/lint/lint-project.ts";
import { buildInventory } from "../../src/pipelines/metadata/inventory.ts";
import {
  buildPipelineDefinition,
  formatPipelineDefinition,
} from "../../src/pipelines/metadata/pipeline-definition.ts";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { expectGolden, FIXTURES } from "./golden.ts";

for (const fixture of ["shift-left-graph", "retail"]) {
  describe(`metadata of ${fixture}`, () => {
    const project = loadProject(join(FIXTURES, fixture));

    it("loads without findings", () => {
      expect(project.findings.map(renderFinding)).toEqual([]);
    });

    it("inventory.json", () => {
      expectGolden(
        `metadata/${fixture}/inventory.json`,
        `${JSON.stringify(buildInventory(project), null, 2)}\n`,
      );
    });

    for (const name of project.order) {
      const table = project.tables.get(name)!;
      it(`pipeline_definition.json of ${name}`, () => {
        expectGolden(
          `metadata/${fixture}/${name}.pipeline_definition.json`,
          formatPipelineDefinition(buildPipelineDefinition(project, table)),
        );
      });
    }

    it("statefulness and its reasons", () => {
      const lines = project.order.map((name) => {
        const t = project.tables.get(name)!;
        const reasons = t.state.findings.map((f) => `${f.stateful ? "+" : "-"} ${f.reason}`).join("; ");
        const statements = t.state.statements.map((s) => `\n  ${describeStatementState(s)}`).join("");
        return `${name}: ${t.state.form} (shift_left: ${t.state.shiftLeftForm})${reasons ? ` — ${reasons}` : ""}${statements}`;
      });
      expectGolden(`metadata/${fixture}/statefulness.txt`, `${lines.join("\n")}\n`);
    });

    it("lint", () => {
      expectGolden(`lint/${fixture}.txt`, `${lintProject(project).map(renderFinding).join("\n")}\n`);
    });
  });
}
