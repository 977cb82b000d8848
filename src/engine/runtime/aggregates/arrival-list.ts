import type { SqlValue } from "../../../common/value.ts";
import { type ValueKey, valueKey } from "./value-key.ts";

const HOLE: unique symbol = Symbol("removed");
type Slot = SqlValue | typeof HOLE;

/** Slot indexes of the live copies of one value, oldest first, consumed from `start`. */
interface IndexQueue {
  indexes: number[];
  start: number;
}

/**
 * Values in arrival order where removing a value removes its earliest live copy: the observable
 * behaviour of Flink's ListView.remove (LISTAGG, ARRAY_AGG, JSON_ARRAYAGG) and of the value→orders
 * maps of FirstValueWithRetractAggFunction/LastValueWithRetractAggFunction (retract takes the oldest
 * order of the value). Removal leaves a hole that is skipped at either end and compacted away once
 * holes outnumber live values, so append, remove, first and last are amortized O(1).
 */
export class ArrivalList {
  private slots: Slot[] = [];
  private head = 0;
  private live = 0;
  private positions = new Map<ValueKey, IndexQueue>();

  get size(): number {
    return this.live;
  }

  append(value: SqlValue): void {
    const key = valueKey(value);
    const queue = this.positions.get(key);
    if (queue === undefined) this.positions.set(key, { indexes: [this.slots.length], start: 0 });
    else queue.indexes.push(this.slots.length);
    this.slots.push(value);
    this.live++;
  }

  /** Removes the earliest live copy of the value; false if there is none. */
  removeEarliest(value: SqlValue): boolean {
    const key = valueKey(value);
    const queue = this.positions.get(key);
    if (queue === undefined) return false;
    const index = queue.indexes[queue.start++]!;
    if (queue.start === queue.indexes.length) this.positions.delete(key);
    else if (queue.start > 16 && queue.start * 2 > queue.indexes.length) {
      queue.indexes = queue.indexes.slice(queue.start);
      queue.start = 0;
    }
    this.slots[index] = HOLE;
    this.live--;
    this.trim();
    return true;
  }

  /** The oldest live value, or undefined when empty. */
  first(): SqlValue | undefined {
    return this.live === 0 ? undefined : (this.slots[this.head] as SqlValue);
  }

  /** The newest live value, or undefined when empty. */
  last(): SqlValue | undefined {
    return this.live === 0 ? undefined : (this.slots[this.slots.length - 1] as SqlValue);
  }

  /** The live values in arrival order (a fresh array). */
  values(): SqlValue[] {
    const out: SqlValue[] = [];
    for (let i = this.head; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot !== HOLE) out.push(slot);
    }
    return out;
  }

  /** The live values, which must be strings, joined by `separator`. */
  join(separator: string): string {
    let text = "";
    let first = true;
    for (let i = this.head; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot === HOLE) continue;
      text = first ? (slot as string) : text + separator + (slot as string);
      first = false;
    }
    return text;
  }

  private trim(): void {
    const slots = this.slots;
    while (this.head < slots.length && slots[this.head] === HOLE) this.head++;
    while (slots.length > this.head && slots[slots.length - 1] === HOLE) slots.pop();
    const span = slots.length - this.head;
    if (span === 0) {
      slots.length = 0;
      this.head = 0;
    } else if (span > 32 && span > 2 * this.live) {
      this.compact();
    }
  }

  private compact(): void {
    const values = this.values();
    this.slots = [];
    this.head = 0;
    this.live = 0;
    this.positions.clear();
    for (const v of values) this.append(v);
  }
}
