import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { type SqlEndpoint, type SqlEndpointAuth, startSqlEndpoint } from "../../../src/serve/index.ts";

/**
 * The orders every wire test serves, as inserted: [id, customer, amount, placed, day, paid, tags].
 * Expected results are computed from these rows, independently of the endpoint.
 */
export const ORDERS = [
  [1, "ann", "12.50", "2024-03-01 10:15:30.123", "2024-03-01", true, ["a", "b c"]],
  [2, "bob", "-0.01", "1969-12-31 23:59:59.999", "1969-12-31", false, ["c"]],
  [3, null, null, null, null, null, null],
  [4, 'Zoë "quoted"', "99999999.99", "2000-02-29 00:00:00", "2000-02-29", true, ["NULL", "", "x,y"]],
] as const;

export const ORDERS_DDL = `CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10, 2), placed TIMESTAMP(3),
  day DATE, paid BOOLEAN, tags ARRAY<STRING>, PRIMARY KEY (id) NOT ENFORCED)`;

function literal(row: (typeof ORDERS)[number]): string {
  const [id, customer, amount, placed, day, paid, tags] = row;
  const str = (s: string): string => `'${s.replaceAll("'", "''")}'`;
  if (customer === null) return `INSERT INTO orders (id) VALUES (${id})`;
  return `INSERT INTO orders VALUES (${id}, ${str(customer)}, ${amount}, TIMESTAMP '${placed}', DATE '${day}',
    ${paid ? "TRUE" : "FALSE"}, ARRAY[${tags!.map(str).join(", ")}])`;
}

export interface Served {
  readonly engine: Engine;
  readonly endpoint: SqlEndpoint;
}

export async function serveOrders(auth?: SqlEndpointAuth): Promise<Served> {
  const engine = createEngine();
  await engine.execute(`${ORDERS_DDL}; ${ORDERS.map(literal).join(";\n")}`);
  await engine.execute("CREATE TABLE events (kind STRING, n INT)");
  const endpoint = await startSqlEndpoint({
    tables: { orders: engine.table("orders"), events: engine.table("events") },
    ...(auth ? { auth } : {}),
  });
  return { engine, endpoint };
}
