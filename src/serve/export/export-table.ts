import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TableView } from "../../engine/index.ts";
import { DuckDbMirror } from "../mirror/duckdb-mirror.ts";
import { quoteIdent, quoteLiteral } from "../mirror/quote.ts";
import { dataFileName, type ExportFormat, type ExportManifest, manifestSchema } from "./manifest.ts";

export interface ExportOptions {
  readonly format: ExportFormat;
  /** The export root: versions go to `<dir>/<table>/v<N>/`. */
  readonly dir: string;
  /** The name the export is filed under; the table's own name by default. */
  readonly name?: string;
  /** The clock for the manifest's `created`; the wall clock by default. */
  readonly now?: () => Date;
  /** Called as each step begins, for progress display. */
  readonly onStep?: (step: ExportStep) => void;
}

/** The steps of an export, in order. */
export const EXPORT_STEPS = ["snapshot", "checksum", "publish"] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

const COPY_OPTIONS: Readonly<Record<ExportFormat, string>> = {
  parquet: "FORMAT parquet",
  csv: "FORMAT csv, HEADER true",
  json: "FORMAT json",
};

/**
 * Writes an immutable, versioned snapshot of a table: `<dir>/<table>/v<N>/data.<ext>` and its
 * `manifest.json` (version, time, row count, Flink schema, the changelog offset it reflects and the data
 * file's SHA-256), then points `<dir>/<table>/latest` at it. Earlier versions are never touched.
 *
 * The rows are a consistent cut: the view's rows and end offset are read together, loaded into a
 * private DuckDB instance, and written with DuckDB's COPY (Parquet, CSV with a header, or JSON lines).
 * A version is assembled in a temporary directory and renamed into place, so readers see all of it or
 * none; the `latest` pointer is replaced the same way. Two exports racing for a version number both
 * succeed, with different numbers.
 *
 * @example
 * const manifest = await exportTable(engine.table("orders"), { format: "parquet", dir: "exports" });
 * manifest.version; // 1, then 2 on the next export
 */
export async function exportTable(view: TableView, options: ExportOptions): Promise<ExportManifest> {
  const table = options.name ?? view.schema.path[2];
  if (!/^[A-Za-z0-9_.-]+$/.test(table) || table.startsWith("."))
    throw new Error(
      `cannot export '${table}': a table is filed under its name, which must be a plain file name`,
    );
  const root = join(options.dir, table);
  await mkdir(root, { recursive: true });
  const staging = join(root, `.staging-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await mkdir(staging);
  try {
    const file = dataFileName(options.format);
    options.onStep?.("snapshot");
    const { rowCount, sourceOffset } = await writeSnapshot(view, options.format, join(staging, file));
    options.onStep?.("checksum");
    const { bytes, sha256 } = await checksum(join(staging, file));
    options.onStep?.("publish");
    const created = (options.now ?? (() => new Date()))().toISOString();
    const publish = async (version: number): Promise<ExportManifest> => {
      const manifest: ExportManifest = {
        table,
        version,
        created,
        format: options.format,
        rowCount,
        sourceOffset,
        schema: manifestSchema(view),
        file: { path: file, bytes, sha256 },
      };
      await writeFile(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(staging, join(root, versionDir(version)));
      return manifest;
    };
    const manifest = await publishNextVersion(root, publish);
    const dir = join(root, versionDir(manifest.version));
    await chmod(join(dir, file), 0o444);
    await chmod(join(dir, "manifest.json"), 0o444);
    await pointLatest(root, manifest.version);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The versions of an exported table, oldest first. */
export function listVersions(dir: string, table: string): Promise<number[]> {
  return versionsIn(join(dir, table));
}

async function versionsIn(root: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  return names
    .map((n) => /^v(\d+)$/.exec(n)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** A version's manifest; the latest version's when `version` is omitted. */
export async function readManifest(dir: string, table: string, version?: number): Promise<ExportManifest> {
  const v = version ?? Number((await readFile(join(dir, table, "latest"), "utf8")).trim().slice(1));
  return JSON.parse(
    await readFile(join(dir, table, versionDir(v), "manifest.json"), "utf8"),
  ) as ExportManifest;
}

/** The directory of a version, e.g. `<dir>/orders/v3`. */
export function versionPath(dir: string, table: string, version: number): string {
  return join(dir, table, versionDir(version));
}

function versionDir(version: number): string {
  return `v${version}`;
}

async function writeSnapshot(
  view: TableView,
  format: ExportFormat,
  path: string,
): Promise<{ rowCount: number; sourceOffset: number }> {
  const mirror = await DuckDbMirror.create({ snapshot: view });
  try {
    const sourceOffset = mirror.tables[0]!.appliedOffset;
    const connection = await mirror.connect();
    try {
      const copied = await connection.run(
        `COPY ${quoteIdent("snapshot")} TO ${quoteLiteral(path)} (${COPY_OPTIONS[format]})`,
      );
      return { rowCount: copied.rowsChanged, sourceOffset };
    } finally {
      connection.closeSync();
    }
  } finally {
    mirror.close();
  }
}

async function checksum(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest("hex") };
}

/** Renames the staged version to the next free number; a rename that loses a race tries the next one. */
async function publishNextVersion(
  root: string,
  publish: (version: number) => Promise<ExportManifest>,
): Promise<ExportManifest> {
  const existing = await versionsIn(root);
  let version = (existing[existing.length - 1] ?? 0) + 1;
  for (;;) {
    try {
      return await publish(version);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
      version++;
    }
  }
}

/**
 * Pointer updates of one export root, run one at a time in this process: each reads `latest` and then
 * replaces it, and two interleaved updates could otherwise move it backwards.
 */
const latestUpdates = new Map<string, Promise<void>>();

function pointLatest(root: string, version: number): Promise<void> {
  const update = (latestUpdates.get(root) ?? Promise.resolve()).then(() => replaceLatest(root, version));
  const settled = update.catch(() => {});
  latestUpdates.set(root, settled);
  void settled.then(() => {
    if (latestUpdates.get(root) === settled) latestUpdates.delete(root);
  });
  return update;
}

/** Replaces `latest` atomically (write a temporary file, rename it over), never moving it backwards. */
async function replaceLatest(root: string, version: number): Promise<void> {
  const latest = join(root, "latest");
  const current = await readFile(latest, "utf8").then(
    (text) => Number(text.trim().slice(1)),
    () => 0,
  );
  if (current > version) return;
  const temporary = join(root, `.latest-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await writeFile(temporary, `${versionDir(version)}\n`);
  await rename(temporary, latest);
}
