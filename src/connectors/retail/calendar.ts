/**
 * How many events of a kind fall on each day: an exact total spread over days by weight (weekday,
 * season, growth), with cumulative rounding so the per-day counts always sum to the total.
 */
import { monthOf, weekdayOf } from "./time.ts";

/** Sunday … Saturday: weekends are busier for shopping. */
const SHOPPING_WEEKDAYS = [1.15, 0.9, 0.9, 0.95, 1, 1.1, 1.25];
/** January … December: the holiday season peaks in November and December. */
const SHOPPING_MONTHS = [0.85, 0.85, 0.95, 0.95, 1, 1, 1, 1.05, 0.95, 1, 1.25, 1.45];
/** Support desks see fewer tickets at weekends. */
const SUPPORT_WEEKDAYS = [0.5, 1.2, 1.1, 1, 1, 1, 0.6];

export class DailyAllocation {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(total: number, days: number, weight: (dayIndex: number) => number) {
    this.total = total;
    this.cumulative = new Float64Array(days + 1);
    for (let d = 0; d < days; d++) this.cumulative[d + 1] = this.cumulative[d]! + weight(d);
  }

  count(dayIndex: number): number {
    const all = this.cumulative[this.cumulative.length - 1]!;
    if (all === 0 || dayIndex < 0 || dayIndex + 1 >= this.cumulative.length) return 0;
    const upTo = (d: number) => Math.round((this.total * this.cumulative[d]!) / all);
    return upTo(dayIndex + 1) - upTo(dayIndex);
  }
}

/** Weight of absolute `day` for shopping, `growth` being the relative rise over the window. */
export function shoppingWeight(day: number, progress: number, growth: number): number {
  return SHOPPING_WEEKDAYS[weekdayOf(day)]! * SHOPPING_MONTHS[monthOf(day)]! * (1 + growth * progress);
}

export function supportWeight(day: number, progress: number, growth: number): number {
  return SUPPORT_WEEKDAYS[weekdayOf(day)]! * (1 + growth * progress);
}
