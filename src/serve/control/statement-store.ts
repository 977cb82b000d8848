import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PersistedStatement } from "./statement-registry.ts";

const FILE = "statements.json";

/**
 * The daemon's statements on disk (`<state-dir>/statements.json`), rewritten atomically after every
 * change so a restart replays the same pipeline. Table contents are not saved: the replayed
 * statements rebuild them from their own inputs.
 */
export function loadStatements(stateDir: string): PersistedStatement[] | { error: string } {
  const file = join(stateDir, FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    return { error: `cannot read ${file}: ${(error as Error).message}` };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { error: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  const list = (document as { statements?: unknown }).statements;
  if (!Array.isArray(list)) return { error: `${file}: expected {"statements": [...]}` };
  const out: PersistedStatement[] = [];
  for (const [i, s] of list.entries()) {
    const ok =
      s !== null &&
      typeof s === "object" &&
      typeof s.name === "string" &&
      typeof s.statement === "string" &&
      typeof s.createdAt === "string" &&
      typeof s.stopped === "boolean";
    if (!ok) return { error: `${file}: statements[${i}] needs name, statement, createdAt and stopped` };
    out.push({ name: s.name, statement: s.statement, createdAt: s.createdAt, stopped: s.stopped });
  }
  return out;
}

export function saveStatements(stateDir: string, statements: readonly PersistedStatement[]): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ statements }, null, 2)}\n`);
  renameSync(temp, file);
}
