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

const BUFFER_BYTES = 1 << 20;
/** The longest line a UTF-8 encoding can make of a string of `n` UTF-16 units. */
const worstCaseBytes = (n: number) => n * 3;

class BufferedFile {
  readonly schema: RetailSchema;
  readonly format: RetailFileFormat;
  readonly path: string;
  rows = 0;
  bytes = 0;
  // Lines are encoded straight into one reused buffer: appending to a string would build ropes that
  // outlive the young generation and cost more in garbage collection than the formatting itself.
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly handle: FileHandle;

  constructor(schema: RetailSchema, format: RetailFileFormat, path: string, handle: FileHandle) {
    this.schema = schema;
    this.format = format;
    this.path = path;
    this.handle = handle;
  }

  /** Appends text, flushing first when it might not fit. */
  async write(text: string): Promise<void> {
    if (this.used + worstCaseBytes(text.length) > BUFFER_BYTES) await this.flush();
    if (worstCaseBytes(text.length) > BUFFER_BYTES) {
      await this.handle.write(text);
      this.bytes += Buffer.byteLength(text);
      return;
    }
    this.used += this.buffer.write(text, this.used);
  }

  /** Appends the event's line when it fits; otherwise returns the line for `write` to place after a flush. */
  tryAdd(event: RetailEvent): string | null {
    const line = this.format === "csv" ? csvLine(this.schema, event) : jsonLine(this.schema, event);
    this.rows++;
    if (this.used + worstCaseBytes(line.length) > BUFFER_BYTES) return line;
    this.used += this.buffer.write(line, this.used);
    return null;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.handle.write(this.buffer, 0, this.used);
    this.bytes += this.used;
    this.used = 0;
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
        if (format === "csv") await file.write(csvHeader(schema));
        outputs.push(file);
        all.push(file);
      }
      files.set(schema.name, outputs);
    }
    for (const event of events) {
      for (const file of files.get(event.dataSet)!) {
        const overflow = file.tryAdd(event);
        if (overflow !== null) await file.write(overflow);
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
