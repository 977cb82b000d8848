import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Row } from "../../common/value.ts";
import { FormatConfigError, formatFor as formatNamed, writeCsvDocument } from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { Project } from "../project/model.ts";
import { CSV_FIXTURE_OPTIONS } from "./read-csv-rows.ts";
import { recordOutput } from "./run-test-case.ts";
import { sampleValue } from "./sample-values.ts";
import {
  type FixtureFormat,
  type FixtureRef,
  TEST_DEFINITIONS,
  TESTS_FOLDER,
  type TestCase,
} from "./test-definition.ts";

export interface InitTestsOptions {
  readonly cases: number;
  readonly rows: number;
  /** CSV falls back to YAML for a table with MAP or MULTISET columns. */
  readonly format: "csv" | "yaml";
}

export interface InitTestsResult {
  readonly table: string;
  /** Project-relative paths. */
  readonly created: readonly string[];
  /** How the expected rows were obtained: recorded from the engine, or why they could not be. */
  readonly expected: { readonly recorded: true } | { readonly recorded: false; readonly why: string };
}

interface Column {
  readonly name: string;
  readonly type: DataType;
}

/**
 * Scaffolds `tests/` of a table: per test case, sample rows for each parent (typed by the parent's
 * DDL, deterministic) and the expected rows of the table — recorded by running the case on the
 * engine, to be reviewed, or only a header when the engine cannot run the table yet.
 */
export async function initTests(
  project: Project,
  name: string,
  options: InitTestsOptions,
): Promise<InitTestsResult | { error: string }> {
  const table = project.tables.get(name);
  if (!table?.folder) return { error: `no table '${name}' with a folder in the project` };
  if (!table.schema) return { error: `${name} has no DDL to test against` };
  if (!table.dmlRef) return { error: `${name} has no DML to test` };
  const testsDir = posix.join(table.folder, TESTS_FOLDER);
  const definition = posix.join(testsDir, TEST_DEFINITIONS);
  if (existsSync(join(project.dir, definition))) return { error: `${definition} already exists` };
  const parents = table.parents.map((p) => project.tables.get(p)!);
  const noDdl = parents.find((p) => !p.schema);
  if (noDdl) return { error: `parent ${noDdl.name} has no DDL: sample rows need its columns` };

  const created: string[] = [];
  const put = (file: string, text: string) => {
    mkdirSync(join(project.dir, posix.dirname(file)), { recursive: true });
    writeFileSync(join(project.dir, file), text);
    created.push(file);
  };
  const cases: TestCase[] = [];
  let expected: InitTestsResult["expected"] = { recorded: true };
  for (let k = 1; k <= options.cases; k++) {
    const ref = (table: string, base: string, format: "csv" | "yaml"): FixtureRef => ({
      table,
      file: posix.join(testsDir, `${base}.${format}`),
      format,
      line: 0,
      col: 0,
    });
    const inputs = parents.map((p) =>
      ref(p.name, `insert_${p.name}_${k}`, formatFor(storedColumns(p.schema!), options.format)),
    );
    for (const [i, parent] of parents.entries()) {
      const columns = storedColumns(parent.schema!);
      const rows = Array.from({ length: options.rows }, (_, r) =>
        columns.map((c) => sampleValue(c.type, c.name, (k - 1) * options.rows + r + 1)),
      );
      put(inputs[i]!.file, writeRows(columns, rows, inputs[i]!.format));
    }
    const outputColumns = storedColumns(table.schema);
    const output = ref(table.name, `expected_${table.name}_${k}`, formatFor(outputColumns, options.format));
    const testCase: TestCase = { name: `test_${table.name}_${k}`, inputs, outputs: [output] };
    const recorded = await recordOutput(project, table, testCase);
    if ("error" in recorded) expected = { recorded: false, why: recorded.error };
    put(output.file, writeRows(outputColumns, "error" in recorded ? [] : recorded.rows, output.format));
    cases.push(testCase);
  }
  put(definition, definitionText(table.name, cases, expected.recorded));
  return { table: name, created, expected };
}

function storedColumns(schema: TableSchema): Column[] {
  return schema.columns.filter((c) => c.origin === "physical");
}

/** CSV unless a column has a type Flink's CSV format cannot hold (MAP, MULTISET): then YAML. */
function formatFor(columns: readonly Column[], preferred: "csv" | "yaml"): "csv" | "yaml" {
  if (preferred === "yaml") return "yaml";
  try {
    writeCsvDocument([], { columns }, CSV_FIXTURE_OPTIONS, true);
    return "csv";
  } catch (error) {
    if (error instanceof FormatConfigError) return "yaml";
    throw error;
  }
}

/** CSV through Flink's CSV writer; YAML as one flow mapping per row with JSON-format values. */
function writeRows(columns: readonly Column[], rows: readonly Row[], format: FixtureFormat): string {
  if (format === "csv") return writeCsvDocument(rows, { columns }, CSV_FIXTURE_OPTIONS, true);
  if (rows.length === 0) return "[]\n";
  const json = formatNamed("json")!;
  const valueWriters = columns.map((c) =>
    json.createSerializer({ columns: [{ name: "v", type: c.type }] }, {}),
  );
  const decoder = new TextDecoder();
  const key = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name));
  return rows
    .map((row) => {
      const pairs = columns.map((c, i) => {
        const bytes = valueWriters[i]!("+I", [row[i] ?? null])!;
        // {"v":<value>} → <value>, the value's exact JSON text (decimals keep their digits).
        return `${key(c.name)}: ${decoder.decode(bytes).slice(5, -1)}`;
      });
      return `- { ${pairs.join(", ")} }\n`;
    })
    .join("");
}

function definitionText(table: string, cases: readonly TestCase[], recorded: boolean): string {
  const entry = (ref: FixtureRef) =>
    `      - table_name: ${ref.table}\n        file_name: ./${posix.relative(posix.dirname(posix.dirname(ref.file)), ref.file)}\n        file_type: ${ref.format}\n`;
  const header = [
    `# Unit tests of ${table}: run them with \`headwater test ${table}\`.`,
    "# inputs: rows per parent table (.csv or .yaml; an `op` column of +I/+U/-D makes them a changelog).",
    "# outputs: the table's expected rows (order ignored), an expected changelog (an `op` column, exact",
    "# order), or a validation query (.sql) whose rows must all say 'PASS'.",
    recorded
      ? "# The expected rows were recorded from the engine's output for these inputs: check them."
      : "# The engine could not run the table yet: the expected files have only their header.",
  ];
  const body = cases.map(
    (c) =>
      `  - name: ${c.name}\n    inputs:${c.inputs.length === 0 ? " []\n" : `\n${c.inputs.map(entry).join("")}`}    outputs:\n${c.outputs.map(entry).join("")}`,
  );
  return `${header.join("\n")}\ntest_suite:\n${body.join("")}`;
}
