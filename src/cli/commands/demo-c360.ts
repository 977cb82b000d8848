import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { loadProducts, type ProductDescriptor, renderProductProblems } from "../../product/index.ts";
import { CUSTOMER_VIEW } from "../../serve/c360/customers.ts";
import { C360_PRODUCT_ID, c360Endpoints } from "../../serve/c360/index.ts";
import {
  type RestServer,
  type SqlEndpoint,
  servedTables,
  startRestServer,
  startSqlEndpoint,
} from "../../serve/index.ts";
import { EXIT_FAILURE, EXIT_OK, fail } from "../exit.ts";
import { DemoMeter, type DemoSummary, renderStart, renderSummary, renderSummaryLine } from "./demo-screen.ts";
import { LiveShop, ShopError } from "./demo-shop.ts";
import { DurableShopStorage } from "./demo-shop-storage.ts";
import {
  clearDemoState,
  type DemoState,
  markDemoBuilding,
  readDemoState,
  STORE_FOLDER,
  writeDemoState,
} from "./demo-state.ts";

export interface C360Options {
  readonly customers: string;
  readonly seed: string;
  readonly rate: string;
  readonly host: string;
  readonly port: string;
  readonly sqlPort: string;
  readonly sql: boolean;
  readonly duration?: string;
  readonly maxEvents?: string;
  readonly once?: boolean;
  readonly stateDir: string;
  readonly checkpointInterval: string;
  readonly fresh?: boolean;
  readonly project: string;
  readonly json?: boolean;
}

function wholeNumber(text: string, option: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    fail(`${option} must be a whole number from ${min} to ${max}, not '${text}'`);
  return value;
}

export async function runDemoC360(options: C360Options, command: Command): Promise<void> {
  const given = (name: string) => command.getOptionValueSource(name) !== "default";
  let customers = wholeNumber(options.customers, "--customers", 1, 10_000_000);
  let seed = wholeNumber(options.seed, "--seed", 0);
  let rate = Number(options.rate);
  if (!(rate > 0 && rate <= 100_000))
    fail(`--rate must be a number of events per second from 0 to 100000, not '${options.rate}'`);
  const port = wholeNumber(options.port, "--port", 0, 65535);
  const sqlPort = wholeNumber(options.sqlPort, "--sql-port", 0, 65535);
  const duration = options.duration === undefined ? undefined : Number(options.duration);
  if (duration !== undefined && !(duration > 0))
    fail(`--duration must be a positive number of seconds, not '${options.duration}'`);
  if (duration !== undefined && options.once) fail("--once and --duration exclude each other");
  const maxEvents =
    options.maxEvents === undefined ? undefined : wholeNumber(options.maxEvents, "--max-events", 0);
  const interval = Number(options.checkpointInterval);
  if (!(interval >= 0.1 && interval <= 3600))
    fail(
      `--checkpoint-interval must be a number of seconds from 0.1 to 3600, not '${options.checkpointInterval}'`,
    );
  const stateDir = resolve(options.stateDir);
  const json = options.json === true;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const emit = (record: Record<string, unknown>) => out(JSON.stringify(record));

  let previous: DemoState | undefined;
  if (!options.fresh) {
    const read = readDemoState(stateDir);
    if ("problem" in read) return refuse(read.problem);
    previous = read.state;
  }
  if (!previous) {
    // Without a state file, a store there is what a first run interrupted while loading left: start over.
    const problem = clearDemoState(stateDir);
    if (problem) return refuse(problem);
    markDemoBuilding(stateDir);
  }
  if (previous) {
    const clash = (
      [
        ["customers", "--customers", customers],
        ["seed", "--seed", seed],
        ["rate", "--rate", rate],
      ] as const
    ).find(([field, , value]) => given(field) && previous![field] !== value);
    if (clash)
      fail(
        `${clash[1]} ${clash[2]} differs from the ${previous[clash[0]]} the run in ${stateDir} used: ` +
          `leave it out to resume that run, or pass --fresh to start over`,
      );
    ({ customers, seed, rate } = previous);
  }

  // Loading can take a while: a signal before the servers are up ends the run there, cleanly.
  let signalled: string | undefined;
  let onSignal = (reason: string) => {
    signalled = reason;
  };
  process.once("SIGINT", () => onSignal("interrupted"));
  process.once("SIGTERM", () => onSignal("terminated"));

  const projectDir = resolve(options.project);
  const { descriptors, problems } = loadProducts(join(projectDir, "products"));
  if (problems.length > 0) return refuse(renderProductProblems(problems));
  const descriptor = descriptors.find((d) => d.product.id === C360_PRODUCT_ID);
  if (!descriptor) return refuse(`no ${C360_PRODUCT_ID} product in ${join(projectDir, "products")}`);

  const bar =
    !json && process.stderr.isTTY
      ? new SingleBar(
          { format: "Loading  [{bar}] {value}/{total} events", hideCursor: true },
          Presets.shades_classic,
        )
      : undefined;
  let shop: LiveShop;
  try {
    bar?.start(1, 0);
    shop = await LiveShop.open({
      projectDir,
      customers,
      seed,
      rate,
      ...(maxEvents !== undefined ? { maxEvents } : {}),
      storage: new DurableShopStorage({
        stateDir,
        checkpointIntervalMs: interval * 1000,
        ...(previous ? { previous } : {}),
      }),
      progress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
  } catch (error) {
    if (!(error instanceof ShopError)) throw error;
    return refuse(error.message);
  } finally {
    bar?.stop();
  }
  if (!previous && shop.startup?.kind === "built")
    writeDemoState(stateDir, {
      version: 2,
      customers,
      seed,
      rate,
      streamStart: shop.streamStart,
      cursor: shop.cursor!,
      historyEvents: shop.historyEvents,
      malformed: shop.malformed,
      buildMs: Math.round(shop.startup.ms),
    });
  if (shop.failure) {
    await shop.close();
    return refuse(shop.failure);
  }
  if (signalled) {
    await shop.close();
    process.stderr.write(
      `Stopped (${signalled}) while loading; the store in ${stateDir} is where it stopped.\n`,
    );
    process.exit(EXIT_OK);
  }

  const servers = await startServers(shop, descriptor, options, port, sqlPort, options.sql);
  if ("problem" in servers) {
    await shop.close();
    return refuse(servers.problem);
  }
  const { rest, sql } = servers;
  const productUrl = `${rest.url}/products/${C360_PRODUCT_ID}`;
  if (json)
    emit({
      type: "ready",
      rest: rest.url,
      product: productUrl,
      sql: sql ? { host: sql.host, port: sql.port } : null,
      customers,
      seed,
      rate,
      state_dir: stateDir,
      resumed_events: shop.resumedAt,
      start: shop.startup,
      view: viewFingerprint(shop),
    });
  else printHeader(out, shop, productUrl, rest.url, sql, stateDir);

  const meter = new DemoMeter(shop, descriptor);
  const screen = new Screen(json, out);
  let stopped = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = async (reason: string): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (ticker) clearInterval(ticker);
    if (timer) clearTimeout(timer);
    await shop.stop();
    const summary = meter.sample();
    const view = { ...summary.view, ...viewFingerprint(shop) };
    await rest.close();
    await sql?.close();
    await shop.close();
    if (json) emit({ type: "stopped", reason, ...summary, view });
    else {
      screen.draw(summary, true);
      out(
        `Stopped (${reason}) after ${shop.liveEvents - shop.resumedAt} new live events; ` +
          `checkpointed in ${join(stateDir, STORE_FOLDER)}, where the next run resumes.`,
      );
    }
    if (shop.failure) {
      process.stderr.write(`${shop.failure}\n`);
      process.exit(EXIT_FAILURE);
    }
    process.exit(EXIT_OK);
  };

  onSignal = (reason) => void finish(reason);
  if (signalled) return finish(signalled);
  if (options.once) {
    screen.draw(meter.sample());
    return finish("once");
  }
  void shop.start().then(() => finish(shop.failure ? "pipeline failed" : "max-events"));
  ticker = setInterval(() => {
    screen.draw(meter.sample());
    if (shop.failure) void finish("pipeline failed");
  }, 1000);
  if (duration !== undefined) timer = setTimeout(() => void finish("duration"), duration * 1000);
}

async function startServers(
  shop: LiveShop,
  descriptor: ProductDescriptor,
  options: C360Options,
  port: number,
  sqlPort: number,
  withSql: boolean,
): Promise<{ rest: RestServer; sql: SqlEndpoint | undefined } | { problem: string }> {
  const engine = shop.engine;
  let rest: RestServer;
  try {
    rest = await startRestServer({
      products: [
        { descriptor, table: engine.table(CUSTOMER_VIEW), endpoints: c360Endpoints((n) => engine.table(n)) },
      ],
      host: options.host,
      port,
      clock: () => shop.now(),
    });
  } catch (error) {
    return { problem: `cannot serve REST on ${options.host}:${port}: ${(error as Error).message}` };
  }
  if (!withSql) return { rest, sql: undefined };
  try {
    const sql = await startSqlEndpoint({
      tables: servedTables(engine, [CUSTOMER_VIEW]),
      host: options.host,
      port: sqlPort,
    });
    return { rest, sql };
  } catch (error) {
    await rest.close();
    return { problem: `cannot serve SQL on ${options.host}:${sqlPort}: ${(error as Error).message}` };
  }
}

function printHeader(
  out: (text: string) => void,
  shop: LiveShop,
  product: string,
  rest: string,
  sql: SqlEndpoint | undefined,
  stateDir: string,
): void {
  const someone = shop.engine.table(CUSTOMER_VIEW).rows()[0]?.[0] ?? "CUST1";
  out(
    `${C360_PRODUCT_ID}: ${shop.customers} customers (seed ${shop.seed}) through examples/c360 on the embedded engine`,
  );
  out(`  state     ${renderStart(shop.startup!)}`);
  out(`  REST      ${product}        docs ${rest}/docs`);
  out(`  lookup    curl ${product}/records/${String(someone)}`);
  out(`  business  curl '${product}/marketing/churn-risk-customers?limit=5'`);
  out(
    `  changes   curl -N '${product}/changes?from=${shop.engine.table(CUSTOMER_VIEW).changelog.endOffset}'`,
  );
  if (sql)
    out(
      `  SQL       psql "host=${sql.host} port=${sql.port} user=demo" -c 'SELECT customer_status, count(*) FROM ${CUSTOMER_VIEW} GROUP BY 1'`,
    );
  out(
    `  live      ${shop.rate} new events/s after ${shop.resumedAt} of earlier runs; Ctrl-C stops, the next run resumes from ${stateDir}`,
  );
  out("");
}

/** Draws the summary: in place on a terminal, one line per 5 s in a log, a JSON line per second with --json. */
class Screen {
  private readonly json: boolean;
  private readonly out: (text: string) => void;
  private readonly tty = process.stdout.isTTY === true;
  private drawn = 0;
  private draws = 0;

  constructor(json: boolean, out: (text: string) => void) {
    this.json = json;
    this.out = out;
  }

  /** `last`: the summary at the end of the run, which a log always gets. */
  draw(summary: DemoSummary, last = false): void {
    this.draws++;
    if (this.json) {
      this.out(JSON.stringify({ type: "summary", ...summary }));
      return;
    }
    if (!this.tty) {
      if (this.draws % 5 === 1 || last) this.out(renderSummaryLine(summary));
      return;
    }
    const lines = renderSummary(summary);
    // Back to the first line of the previous block, and clear to the end of the screen.
    if (this.drawn > 0) process.stdout.write(`\x1b[${this.drawn}F\x1b[J`);
    this.out(lines.join("\n"));
    this.drawn = lines.length;
  }
}

/** The view's rows and a hash of their contents, so runs can be compared (a resumed run starts where one stopped). */
function viewFingerprint(shop: LiveShop): { rows: number; sha256: string } {
  const rows = shop.engine.table(CUSTOMER_VIEW).rows();
  const text = rows
    .map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? `${value}n` : value)))
    .sort();
  return { rows: rows.length, sha256: createHash("sha256").update(text.join("\n")).digest("hex") };
}

/** Ends the command with exit code 1 and why. */
function refuse(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = EXIT_FAILURE;
}
