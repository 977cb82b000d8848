import { type ConnectorContext, connectorOf, type SinkWriter } from "../../connectors/index.ts";
import type { RetailDataSetName, RetailEvent } from "../../connectors/retail/index.ts";
import type { Engine } from "../../engine/index.ts";
import { type RawTableLayout, rawRow } from "../../pipelines/index.ts";
import { qualify } from "../../sql/catalog/catalog.ts";
import type { Store, Transaction } from "../../store/index.ts";

/**
 * Where the demo records how many live events its raw topics hold: a consumer-group offset committed
 * in the same store transaction as the events, so the count and the records can never disagree —
 * not even after a kill -9 (a transaction without its commit entry is rolled back when the store opens).
 */
const POSITION_GROUP = "__headwater_demo";
const POSITION_TOPIC = "live-events";

/** Live events in the raw topics, as committed with them; undefined before the first live commit. */
export function committedLiveEvents(store: Store): number | undefined {
  return store.committedOffsets(POSITION_GROUP, POSITION_TOPIC).get(0);
}

/** Where the shop writes generated events: the raw tables, staged until `commit`. */
export interface RawEventSink {
  /** Events staged since the last commit. */
  readonly staged: number;
  /** Stages one event (events of data sets the project has no raw table for are skipped). */
  append(event: RetailEvent): void;
  /** Makes the staged events visible to the pipeline; `liveEvents`, when given, is the stream's position. */
  commit(liveEvents?: number): void;
  close(): void;
}

/** In-memory raw tables (an engine without a store): events are visible as soon as they are appended. */
export class MemoryRawEvents implements RawEventSink {
  private readonly engine: Engine;
  private readonly layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>;
  staged = 0;

  constructor(engine: Engine, layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>) {
    this.engine = engine;
    this.layouts = layouts;
  }

  append(event: RetailEvent): void {
    const layout = this.layouts.get(event.dataSet);
    if (!layout) return;
    this.engine.insertRows(layout.name, [rawRow(layout, event)], { timestamp: event.eventTime });
    this.staged++;
  }

  commit(): void {
    this.staged = 0;
  }

  close(): void {}
}

/**
 * The shop's side of the raw topics: generated events appended to the project's `<data set>_raw`
 * tables of the engine's store, through the same writer an INSERT uses (so records are encoded as the
 * pipeline reads them), with the event time as the record timestamp (`$rowtime`). Writes are staged
 * in a store transaction; `commit` makes them visible to the pipeline at once, with the generator's
 * position.
 */
export class RawEventLog implements RawEventSink {
  private readonly store: Store;
  private readonly writers: ReadonlyMap<RetailDataSetName, { layout: RawTableLayout; writer: SinkWriter }>;
  private transaction: Transaction;
  /** Event time of the event being written: the writer stamps records with its context's clock. */
  private eventTime = 0;
  /** Events staged since the last commit. */
  staged = 0;

  private constructor(
    store: Store,
    writers: ReadonlyMap<RetailDataSetName, { layout: RawTableLayout; writer: SinkWriter }>,
  ) {
    this.store = store;
    this.writers = writers;
    this.transaction = store.beginTransaction();
  }

  /** Opens a writer per raw table; the engine must have a store and have run the tables' DDL. */
  static async open(
    engine: Engine,
    layouts: ReadonlyMap<RetailDataSetName, RawTableLayout>,
  ): Promise<RawEventLog> {
    const store = engine.store;
    if (!store) throw new Error("the demo's engine has no store");
    const writers = new Map<RetailDataSetName, { layout: RawTableLayout; writer: SinkWriter }>();
    let log: RawEventLog | undefined;
    const context: ConnectorContext = {
      store,
      clock: () => log!.eventTime,
      wake: () => {},
      track: (work) => work,
      setting: () => undefined,
      schemaRegistryUrl: undefined,
      print: () => {},
      deadLetters: () => {
        throw new Error("raw tables of the demo have no dead-letter table");
      },
      count: () => {},
    };
    for (const [dataSet, layout] of layouts) {
      const path = qualify(engine.catalog, [layout.name]);
      const schema = path && engine.catalog.getTable(path);
      if (!schema) throw new Error(`the engine has no table ${layout.name}`);
      const columns = schema.columns.flatMap((c, i) => (c.origin === "physical" ? [i] : []));
      const writer = connectorOf(schema).createWriter!(
        schema,
        { columns, mode: "append", transaction: () => log!.transaction },
        context,
      );
      await writer.open();
      writers.set(dataSet, { layout, writer });
    }
    log = new RawEventLog(store, writers);
    return log;
  }

  append(event: RetailEvent): void {
    const target = this.writers.get(event.dataSet);
    if (!target) return;
    this.eventTime = event.eventTime;
    target.writer.write("+I", rawRow(target.layout, event));
    this.staged++;
  }

  /** Commits the staged events atomically, with the stream's position in the same transaction. */
  commit(liveEvents?: number): void {
    for (const { writer } of this.writers.values()) writer.flush();
    if (liveEvents !== undefined)
      this.transaction.commitOffsets(POSITION_GROUP, POSITION_TOPIC, new Map([[0, liveEvents]]));
    this.transaction.commit();
    this.transaction = this.store.beginTransaction();
    this.staged = 0;
  }

  /** Drops what was staged since the last commit (the engine closes the writers' topics). */
  close(): void {
    this.transaction.abort();
  }
}
