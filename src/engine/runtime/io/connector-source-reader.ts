import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { RecordReader } from "../../../connectors/index.ts";
import type { PollResult, SourceReader } from "../operator.ts";
import type { ScanRowBuilder } from "../sources/scan-row.ts";
import type { SplitWatermarks } from "../time/split-watermarks.ts";

/**
 * The engine's side of a connector's reader: lays each row out as the table's columns (computed
 * columns, metadata, `$rowtime`) and tracks the watermark per split. A connector row holds the
 * physical columns, then the metadata values at `metadataAt`.
 */
export class ConnectorSourceReader implements SourceReader {
  readonly description: string;
  private readonly reader: RecordReader;
  private readonly rows: ScanRowBuilder;
  private readonly metadataAt: number;
  private readonly watermarks: SplitWatermarks | undefined;
  private readonly clock: () => number;

  constructor(
    description: string,
    reader: RecordReader,
    rows: ScanRowBuilder,
    metadataAt: number,
    watermarks: SplitWatermarks | undefined,
    clock: () => number,
  ) {
    this.description = description;
    this.reader = reader;
    this.rows = rows;
    this.metadataAt = metadataAt;
    this.watermarks = watermarks;
    this.clock = clock;
  }

  poll(max: number): PollResult {
    const polled = this.reader.poll(max);
    const watermarks = this.watermarks;
    const now = this.clock();
    watermarks?.track(this.reader.splits, now);
    if (polled === "end") return "end";
    if (polled === "idle") {
      // A split going idle may let the watermark advance though no row came.
      const advanced = watermarks?.advance(now);
      return advanced === undefined ? "idle" : { rows: [], watermark: advanced };
    }
    const out: Row[] = new Array(polled.rows.length);
    const splits = polled.splits;
    for (let i = 0; i < out.length; i++) {
      const source = polled.rows[i]!;
      const row = this.rows.build(source, source, this.metadataAt);
      watermarks?.observe(splits ? splits[i]! : 0, row, now);
      out[i] = row;
    }
    const kinds: readonly RowKind[] | undefined = polled.kinds;
    const watermark = watermarks?.advance(now);
    return {
      rows: out,
      ...(kinds ? { kinds } : {}),
      ...(watermark !== undefined ? { watermark } : {}),
    };
  }

  bound(): void {
    this.reader.bound();
  }

  snapshot(): SqlValue {
    return [this.reader.snapshot(), this.watermarks?.snapshot() ?? null];
  }

  restore(state: SqlValue): void {
    const [reader, marks] = state as [SqlValue, number[] | null];
    this.reader.restore(reader);
    if (marks) this.watermarks?.restore(marks, this.clock());
  }
}
