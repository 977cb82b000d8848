import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../../src/common/diagnostic.ts";
import { createEngine } from "../../src/engine/index.ts";
import { loadProject } from "../../src/pipelines/index.ts";
import {
  checkProductTable,
  contractPrimaryKey,
  freshnessSlo,
  loadProducts,
  loadProjectProducts,
  type ProductProblem,
} from "../../src/product/index.ts";
import { expectGolden } from "./golden.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "products");
const VALID = join(FIXTURES, "valid");
const INVALID = join(FIXTURES, "invalid");

async function fixtureEngine() {
  const engine = createEngine();
  await engine.executeScript(readFileSync(join(VALID, "tables.sql"), "utf8"), "tables.sql");
  return engine;
}

/** Problems as `file:line:col path`, the form the fixtures' `# expect:` lines are written in. */
function located(problems: readonly ProductProblem[]): string[] {
  return problems
    .map((p) => {
      const d = p.diagnostic;
      const path = d.code === "product/yaml" ? "(yaml)" : d.message.slice(0, d.message.indexOf(": "));
      return `${basename(p.source.name)}:${d.span.line}:${d.span.col} ${path}`;
    })
    .sort();
}

function expectations(caseDir: string): string[] {
  const lines: string[] = [];
  for (const product of readdirSync(caseDir))
    for (const file of readdirSync(join(caseDir, product)))
      for (const m of readFileSync(join(caseDir, product, file), "utf8").matchAll(/^# expect: (.+)$/gm))
        lines.push(m[1]!);
  return lines.sort();
}

describe("product descriptors", () => {
  it("reads the valid fixtures and finds them consistent with their tables", async () => {
    const { descriptors, problems } = loadProducts(VALID);
    expect(problems.map((p) => renderDiagnostic(p.source, p.diagnostic))).toEqual([]);
    expect(descriptors.map((d) => d.product.id)).toEqual([
      "customer.analytics.C360",
      "sales.orders.OrderLines",
    ]);
    const engine = await fixtureEngine();
    for (const d of descriptors)
      expect(checkProductTable(d, engine.table(d.contract.object.table).schema)).toEqual([]);

    const [c360, lines] = descriptors as [(typeof descriptors)[0], (typeof descriptors)[0]];
    expect(c360.product.owner).toBe("customer-analytics");
    expect(c360.product.outputPorts.map((p) => `${p.name}:${p.type}`)).toEqual([
      "sql:tables",
      "rest:api",
      "changes:stream",
    ]);
    expect(c360.contract.object.columns.filter((c) => c.tags.includes("pii")).map((c) => c.name)).toEqual([
      "first_name",
      "last_name",
      "email",
    ]);
    expect(freshnessSlo(c360.contract)).toMatchObject({ property: "latency", maxAgeMs: 60_000 });
    expect(freshnessSlo(lines.contract)).toMatchObject({ property: "freshness", maxAgeMs: 30_000 });
    expect(contractPrimaryKey(lines.contract).map((c) => `${c.name}->${c.column}`)).toEqual([
      "order_id->order_id",
      "line->line_no",
    ]);
    const tier = c360.contract.object.columns.find((c) => c.name === "loyalty_tier")!;
    expect(
      tier.quality.map((q) => (q.kind === "library" ? `${q.metric} ${q.threshold.operator}` : q.kind)),
    ).toEqual(["invalidValues mustBe", "nullValues mustBeLessThan"]);
  });

  for (const name of readdirSync(INVALID).sort()) {
    it(`reports every problem of ${name} at its place`, async () => {
      const dir = join(INVALID, name);
      const { descriptors, problems } = loadProducts(dir);
      const all = [...problems];
      if (name === "schema-mismatch") {
        const engine = await fixtureEngine();
        for (const d of descriptors)
          all.push(...checkProductTable(d, engine.table(d.contract.object.table).schema));
      }
      expect(all.length, "expected problems").toBeGreaterThan(0);
      if (name !== "missing-contract") expect(located(all)).toEqual(expectations(dir));
      const rendered = all
        .map((p) => renderDiagnostic({ ...p.source, name: relative(FIXTURES, p.source.name) }, p.diagnostic))
        .join("\n\n");
      expectGolden(`${name}.txt`, `${rendered}\n`);
    });
  }
});

describe("the Customer 360 example project", () => {
  it("loads its product and finds the contract consistent with the view's DDL", () => {
    const project = loadProject(join(import.meta.dirname, "..", "..", "examples", "c360"));
    const { descriptors, problems } = loadProjectProducts(project);
    expect(problems.map((p) => renderDiagnostic(p.source, p.diagnostic))).toEqual([]);
    const [c360] = descriptors;
    expect(c360!.product.id).toBe("customer.analytics.C360");
    const view = project.tables.get("customer_analytics_c360")!.schema!;
    expect(c360!.contract.object.columns.map((c) => c.name)).toEqual(
      view.columns.filter((c) => !c.hidden).map((c) => c.name),
    );
    expect(freshnessSlo(c360!.contract)?.maxAgeMs).toBe(60_000);
  });
});
