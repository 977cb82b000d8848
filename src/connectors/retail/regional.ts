/** Daily revenue per sales region, summed from the day's generated transactions (so it reconciles). */
import type { Row } from "../../common/value.ts";
import { CITIES, REGIONS } from "./places.ts";
import { COUNTRY } from "./vocabulary.ts";

export class RegionalDay {
  private readonly revenue = new Float64Array(REGIONS.length);
  private readonly count = new Int32Array(REGIONS.length);

  /** A sale counts toward the region the customer lives in. */
  record(customerCity: number, totalCents: number): void {
    const region = CITIES[customerCity]!.region;
    this.revenue[region]! += totalCents;
    this.count[region]!++;
  }

  /** The day's rows, one per region with sales, then resets for the next day. */
  close(day: number): Row[] {
    const rows: Row[] = [];
    for (let r = 0; r < REGIONS.length; r++) {
      const count = this.count[r]!;
      if (count === 0) continue;
      const revenue = this.revenue[r]!;
      const region = REGIONS[r]!;
      rows.push([
        region.id,
        region.name,
        COUNTRY,
        day,
        BigInt(revenue),
        count,
        BigInt(Math.round(revenue / count)),
      ]);
      this.revenue[r] = 0;
      this.count[r] = 0;
    }
    return rows;
  }
}
