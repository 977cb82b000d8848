import type { RowKind } from "../../../../common/changelog.ts";
import type { Row } from "../../../../common/value.ts";
import type { Collector } from "../../operator.ts";

/**
 * How a Top-N function emits (Flink's AbstractTopNFunction collect* methods): the `…At(row, rank)`
 * forms emit only ranks within `rankStart..rankEnd` and append the rank number when the query reads
 * it; the plain forms emit the row as it is. `-U` rows go out only when the consumer asked for them.
 * `rankEnd` is the current partition's (constant, or read from its first row).
 */
export class RankOutput {
  rankEnd = 0;
  readonly rankStart: number;
  readonly outputRankNumber: boolean;
  private readonly generateUpdateBefore: boolean;
  private readonly out: Collector;

  constructor(rankStart: number, outputRankNumber: boolean, generateUpdateBefore: boolean, out: Collector) {
    this.rankStart = rankStart;
    this.outputRankNumber = outputRankNumber;
    this.generateUpdateBefore = generateUpdateBefore;
    this.out = out;
  }

  /** Rank numbers go out with the row: the with-number algorithms must run (also for an offset). */
  get numbered(): boolean {
    return this.outputRankNumber || this.rankStart > 1;
  }

  inRankEnd(rank: number): boolean {
    return rank <= this.rankEnd;
  }

  inRankRange(rank: number): boolean {
    return rank <= this.rankEnd && rank >= this.rankStart;
  }

  insertAt(row: Row, rank: number): void {
    this.at("+I", row, rank);
  }
  deleteAt(row: Row, rank: number): void {
    this.at("-D", row, rank);
  }
  updateAfterAt(row: Row, rank: number): void {
    this.at("+U", row, rank);
  }
  updateBeforeAt(row: Row, rank: number): void {
    if (this.generateUpdateBefore) this.at("-U", row, rank);
  }

  insert(row: Row): void {
    this.out.collect("+I", row);
  }
  delete(row: Row): void {
    this.out.collect("-D", row);
  }
  updateAfter(row: Row): void {
    this.out.collect("+U", row);
  }
  updateBefore(row: Row): void {
    if (this.generateUpdateBefore) this.out.collect("-U", row);
  }

  private at(kind: RowKind, row: Row, rank: number): void {
    if (!this.inRankRange(rank)) return;
    this.out.collect(kind, this.outputRankNumber ? [...row, rank] : row);
  }
}
