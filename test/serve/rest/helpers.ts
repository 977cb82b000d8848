import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { loadProducts, type ProductDescriptor } from "../../../src/product/index.ts";
import type { ServedProductOptions } from "../../../src/serve/index.ts";

export const VALID = join(import.meta.dirname, "..", "..", "fixtures", "products", "valid");
export const C360 = "customer.analytics.C360";
export const ORDER_LINES = "sales.orders.OrderLines";

/** The fixture products over an engine that ran tables.sql, plus any extra SQL. */
export async function fixtureProducts(
  extraSql = "",
): Promise<{ engine: Engine; products: ServedProductOptions[] }> {
  const engine = createEngine();
  await engine.executeScript(readFileSync(join(VALID, "tables.sql"), "utf8") + extraSql, "tables.sql");
  const { descriptors, problems } = loadProducts(VALID);
  if (problems.length > 0) throw new Error("fixture products have problems");
  return {
    engine,
    products: descriptors.map((d) => ({ descriptor: d, table: engine.table(d.contract.object.table) })),
  };
}

export interface ColumnSpec {
  readonly name: string;
  readonly logicalType: string;
  readonly key?: number;
  readonly required?: boolean;
  readonly tags?: readonly string[];
}

/** Writes a minimal valid product folder (ODPS + ODCS) for a table, for tests that need other shapes. */
export function writeProduct(id: string, table: string, columns: readonly ColumnSpec[]): ProductDescriptor {
  const root = mkdtempSync(join(tmpdir(), "headwater-product-"));
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(
    join(dir, "product.yaml"),
    [
      "apiVersion: v1.1.0",
      "kind: DataProduct",
      `id: ${id}`,
      "status: active",
      "domain: test",
      "description:",
      "  purpose: A product for tests.",
      "team:",
      "  name: test-team",
      "outputPorts:",
      "  - name: rest",
      "    type: api",
      `    contractId: ${id}.contract`,
      "",
    ].join("\n"),
  );
  const properties = columns.flatMap((c) => [
    `      - name: ${c.name}`,
    `        logicalType: ${c.logicalType}`,
    `        description: The ${c.name}.`,
    ...(c.required || c.key !== undefined ? ["        required: true"] : []),
    ...(c.key !== undefined ? ["        primaryKey: true", `        primaryKeyPosition: ${c.key}`] : []),
    ...(c.tags ? [`        tags: [${c.tags.join(", ")}]`] : []),
  ]);
  writeFileSync(
    join(dir, "contract.yaml"),
    [
      "apiVersion: v3.1.0",
      "kind: DataContract",
      `id: ${id}.contract`,
      'version: "1.0.0"',
      "status: active",
      "schema:",
      `  - name: ${table}`,
      "    properties:",
      ...properties,
      "",
    ].join("\n"),
  );
  const { descriptors, problems } = loadProducts(dir);
  if (problems.length > 0) throw new Error(`test product ${id} has problems`);
  return descriptors[0]!;
}

export interface ServerSentEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

/**
 * Reads Server-Sent Events from a streaming fetch response until `done` says so, or the stream
 * ends; comment lines (heartbeats) are collected apart.
 */
export async function readEvents(
  response: Response,
  done: (events: readonly ServerSentEvent[]) => boolean,
): Promise<{ events: ServerSentEvent[]; comments: string[]; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  let buffer = "";
  let ended = false;
  while (!done(events)) {
    const { value, done: finished } = await reader.read();
    if (finished) {
      ended = true;
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let split = buffer.indexOf("\n\n");
    while (split >= 0 && !done(events)) {
      const block = buffer.slice(0, split);
      buffer = buffer.slice(split + 2);
      split = buffer.indexOf("\n\n");
      const fields: Record<string, string> = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(":");
          fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, "");
        }
      }
      if ("data" in fields)
        events.push({
          data: fields.data!,
          ...(fields.id !== undefined ? { id: fields.id } : {}),
          ...(fields.event !== undefined ? { event: fields.event } : {}),
        });
    }
  }
  await reader.cancel().catch(() => {});
  return { events, comments, ended };
}
