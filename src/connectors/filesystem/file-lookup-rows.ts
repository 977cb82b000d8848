import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorContext } from "../framework/connector.ts";
import { FileReader } from "./file-reader.ts";
import { isTextFormat, readFilesystemSettings } from "./filesystem-settings.ts";

/** Everything a filesystem table's files hold now, as a lookup join loads it, and how long to keep it. */
export interface FileTableContents {
  readonly rows: Row[];
  readonly kinds: RowKind[];
  /** `lookup.join.cache.ttl` (ms): when to read the files again. */
  readonly ttlMs: number;
}

/**
 * Reads every file of a filesystem table once, synchronously, with the same parsing and bad-record
 * handling as a scan: a lookup join answers probes from these rows until the TTL runs out. Only the
 * physical columns are read; Parquet is read through DuckDB, which is asynchronous, so lookups over
 * Parquet files are not supported yet.
 */
export function readFileTable(table: TableSchema, ctx: ConnectorContext): FileTableContents {
  const settings = readFilesystemSettings(table);
  if (!isTextFormat(settings.format))
    throw settings.options.error(
      `a lookup join cannot read format '${settings.format}' yet (lookup joins read text formats: csv, json, raw and the CDC json formats)`,
    );
  const metadata = table.columns.find((c) => c.origin === "metadata");
  if (metadata)
    throw settings.options.error(
      `a lookup join reads the physical columns of a filesystem table, not metadata column '${metadata.name}'`,
    );
  // The files there now: a lookup reads them again after the TTL, not as they appear.
  const reader = new FileReader(
    table,
    { ...settings, monitorIntervalMs: undefined },
    { metadataKeys: [] },
    ctx,
  );
  reader.prepare();
  const rows: Row[] = [];
  const kinds: RowKind[] = [];
  for (;;) {
    const poll = reader.poll(Number.MAX_SAFE_INTEGER);
    if (poll === "end") break;
    if (poll === "idle") throw new Error("internal error: a text file read asynchronously");
    for (let i = 0; i < poll.rows.length; i++) {
      rows.push(poll.rows[i]!);
      kinds.push(poll.kinds?.[i] ?? "+I");
    }
  }
  return { rows, kinds, ttlMs: settings.lookupCacheTtlMs };
}
