import type { Row, SqlValue } from "../../../common/value.ts";
import type { UpsertRows } from "../../../connectors/index.ts";
import { SpillableMap, sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";

/**
 * The rows an upsert source normalizes against (Flink keeps them in ChangelogNormalize's keyed
 * state), kept in the engine's keyed state: its snapshot is a view, so a checkpoint writes only the
 * keys the source touched since the last one instead of every row it ever read, and beyond the
 * statement's memory budget the rows spill as an operator's do.
 */
export class KeyedUpsertRows implements UpsertRows {
  private readonly rows: SpillableMap<string, Row>;

  constructor(spill: StateSpill | undefined) {
    this.rows = new SpillableMap(sqlValueCodec<Row>(), spill);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: Row): void {
    this.rows.set(key, row);
  }

  delete(key: string): void {
    this.rows.delete(key);
  }

  snapshot(): SqlValue {
    return this.rows.checkpointView();
  }

  restore(state: SqlValue): void {
    this.rows.clear();
    for (const [key, row] of state as Map<string, Row>) this.rows.set(key, row);
  }
}
