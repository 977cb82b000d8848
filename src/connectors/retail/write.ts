/**
 * Streams events into one file per data set, `<dir>/<domain>/<data set>.<csv|jsonl>` (the seed's
 * layout), buffering a bounded amount per file: whole files are never built in memory.
 */
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { csvHeader, csvLine } from "./csv.ts";
import type { RetailEvent } from "./events.ts";
import { jsonLine } from "./jsonl.ts";
import { RETAIL_SCHEMAS, type RetailDataSetName, type RetailSchema } from "./schemas.ts";

export type RetailFileFormat = "csv" | "jsonl";

export interface RetailFile {
  readonly dataSet: RetailDataSetName;
  readonly format: RetailFileFormat;
  readonly path: string;
  /** Data lines written (header excluded). */
  readonly rows: number;
  readonly bytes: number;
}

const FLUSH_AT = 1 << 20;

class BufferedFile {
  readonly schema: RetailSchema;
  readonly format: RetailFileFormat;
  readonly path: string;
  rows = 0;
  bytes = 0;
  private buffer = "";
  private readonly handle: FileHandle;

  constructor(schema: RetailSchema, format: RetailFileFormat, path: string, handle: FileHandle) {
    this.schema = schema;
    this.format = format;
    this.path = path;
    this.handle = handle;
    if (format === "csv") this.buffer = csvHeader(schema);
  }

  /** Appends the event's line; returns true when the buffer is due for a flush. */
  add(event: RetailEvent): boolean {
    this.buffer += this.format === "csv" ? csvLine(this.schema, event) : jsonLine(this.schema, event);
    this.rows++;
    return this.buffer.length >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer, "utf8");
    this.buffer = "";
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

/** Writes every event to its data set's file in each format; every data set gets a file, even if empty. */
export async function writeRetailFiles(
  dir: string,
  events: Iterable<RetailEvent>,
  formats: readonly RetailFileFormat[] = ["csv"],
): Promise<RetailFile[]> {
  const files = new Map<RetailDataSetName, BufferedFile[]>();
  const all: BufferedFile[] = [];
  try {
    for (const schema of RETAIL_SCHEMAS) {
      await mkdir(join(dir, schema.domain), { recursive: true });
      const outputs: BufferedFile[] = [];
      for (const format of formats) {
        const path = join(dir, schema.domain, `${schema.name}.${format}`);
        const file = new BufferedFile(schema, format, path, await open(path, "w"));
        outputs.push(file);
        all.push(file);
      }
      files.set(schema.name, outputs);
    }
    for (const event of events) {
      for (const file of files.get(event.dataSet)!) {
        if (file.add(event)) await file.flush();
      }
    }
  } finally {
    await Promise.all(all.map((f) => f.close()));
  }
  return all.map((f) => ({
    dataSet: f.schema.name,
    format: f.format,
    path: f.path,
    rows: f.rows,
    bytes: f.bytes,
  }));
}
