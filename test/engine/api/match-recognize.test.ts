// MATCH_RECOGNIZE parses and binds (lineage and lint read it) but the engine does not run it yet: the
// statement fails with a plan error that names the clause and points at it, and the session goes on.
import { describe, expect, it } from "vitest";
import { createEngine, type SqlError } from "../../../src/engine/index.ts";

const QUERY = `SELECT *
FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES A.v AS first_v, B.v AS next_v
  ONE ROW PER MATCH
  PATTERN (A B)
  DEFINE B AS B.v > A.v
) AS m`;

describe("MATCH_RECOGNIZE", () => {
  it("fails with 'not supported yet', naming the clause at its position; other statements still run", async () => {
    const engine = createEngine({ clock: () => 0 });
    await engine.execute(
      "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')",
    );
    const error = (await engine.execute(QUERY).then(
      () => undefined,
      (e: unknown) => e,
    )) as SqlError | undefined;
    expect(error?.name).toBe("SqlError");
    expect(error!.diagnostics).toHaveLength(1);
    const [diagnostic] = error!.diagnostics;
    expect(diagnostic!.message).toBe("MATCH_RECOGNIZE is not supported by the Headwater engine yet");
    expect(diagnostic!.span).toMatchObject({ line: 2, col: 6 });
    expect(error!.message).toContain("MATCH_RECOGNIZE is not supported by the Headwater engine yet");
    expect(error!.message).toContain("^");
    const explain = await engine.execute(`EXPLAIN ${QUERY}`).then(
      () => "planned",
      (e: Error) => e.message,
    );
    expect(explain).toContain("MATCH_RECOGNIZE is not supported by the Headwater engine yet");
    const after = await engine.execute("SELECT COUNT(*) FROM t");
    expect(after.kind).toBe("query");
  });
});
