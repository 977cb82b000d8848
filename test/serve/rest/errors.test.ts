import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRestApp } from "../../../src/serve/index.ts";
import { C360, fixtureProducts, ORDER_LINES } from "./helpers.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildRestApp(await fixtureProducts());
});
afterAll(() => app.close());

const c360 = `/products/${C360}`;
const lines = `/products/${ORDER_LINES}`;

async function error(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ url, headers });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

describe("every bad parameter is a 400 naming it and why", () => {
  const cases: [string, string, RegExp][] = [
    [`${c360}/records?limit=0`, "limit", /must be >= 1/],
    [`${c360}/records?limit=1001`, "limit", /must be <= 1000/],
    [`${c360}/records?limit=ten`, "limit", /must be integer/],
    [`${c360}/records?sort=nope`, "sort", /'nope' is not a column/],
    [`${c360}/records?sort=a,b,c,d`, "sort", /at most 3 columns/],
    [`${c360}/records?sort=email,-email`, "sort", /names a column twice/],
    [`${c360}/records?cursor=garbage`, "cursor", /not a cursor this server made/],
    [`${c360}/records?total_spent.gte=12.345`, "total_spent.gte", /more than 2 digit\(s\) after the point/],
    [
      `${c360}/records?total_spent.gte=12345678901.00`,
      "total_spent.gte",
      /more digits than DECIMAL\(12, 2\)/,
    ],
    [`${c360}/records?total_transactions.gt=1.5`, "total_transactions.gt", /must be a whole number/],
    [`${c360}/records?last_purchase_date=2024-02-30`, "last_purchase_date", /must be a date YYYY-MM-DD/],
    [`${c360}/records?last_purchase_at.gt=2024-01-01T00:00:00Z`, "last_purchase_at.gt", /has no time zone/],
    [`${c360}/records?churn_risk_flag=maybe`, "churn_risk_flag", /must be true or false/],
    [`${c360}/records?customer_health_score.null=maybe`, "customer_health_score.null", /must be boolean/],
    [`${c360}/records?churn_risk_flag.gt=true`, "churn_risk_flag.gt", /not a parameter/],
    [`${lines}/records/abc,1`, "key", /order_id 'abc' must be a whole number/],
    [`${lines}/records/42`, "key", /expected 2 comma-separated values \(order_id, line\), got 1/],
    [`${lines}/records/1,2,3`, "key", /got 3/],
    [`${lines}/records/9007199254740993,1`, "key", /outside ±\(2\^53 − 1\)/],
    [`${lines}/records/42,99999999999`, "key", /outside the range of INT/],
    [`${lines}/records/SKU%2C1,2`, "key", /order_id 'SKU,1' must be a whole number/],
    [`${lines}/records/4%E0%A4%A,1`, "path", /is not a valid url component/],
    [`${c360}/changes?from=-1`, "from", /must be >= 0/],
    [`${c360}/changes?from=later`, "from", /must be integer/],
    [`${c360}/changes?from=999999`, "from", /beyond the end of the changelog \(7\)/],
  ];
  for (const [url, parameter, why] of cases)
    it(url, async () => {
      const { status, body } = await error(url);
      expect(status).toBe(400);
      expect(body.parameter).toBe(parameter);
      expect(body.message).toMatch(why);
      expect(body.message).toMatch(new RegExp(`^${parameter.replace(/[.[\]]/g, "\\$&")}: `));
    });

  it("names an unknown parameter and suggests the one meant", async () => {
    const { status, body } = await error(`${c360}/records?total_spend.gte=5`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "unknown_parameter", parameter: "total_spend.gte" });
    expect(body.message).toMatch(/did you mean total_spent.gte\?/);
  });

  it("checks Last-Event-ID like any other parameter", async () => {
    const bad = await error(`${c360}/changes`, { "last-event-id": "x1" });
    expect(bad.status).toBe(400);
    expect(bad.body.parameter).toBe("Last-Event-ID");
    const beyond = await error(`${c360}/changes`, { "last-event-id": "7" });
    expect(beyond.body).toMatchObject({
      parameter: "Last-Event-ID",
      message: expect.stringMatching(/offset 8 is beyond/),
    });
  });

  it("refuses a cursor made for another ordering", async () => {
    const page = (await app.inject(`${c360}/records?limit=2&sort=-total_spent`)).json();
    const { status, body } = await error(`${c360}/records?limit=2&cursor=${page.next_cursor}`);
    expect(status).toBe(400);
    expect(body.message).toMatch(/was made for sort=-total_spent, not sort=\(default\)/);
  });
});

describe("unknown things are 404s with a JSON body", () => {
  it("an unknown product, lists what is served", async () => {
    for (const url of ["/products/nope", "/products/nope/records/1", "/products/nope/changes"]) {
      const { status, body } = await error(url);
      expect(status).toBe(404);
      expect(body.message).toBe(`no product 'nope' is served here (served: ${C360}, ${ORDER_LINES})`);
    }
  });

  it("an unknown key", async () => {
    const { status, body } = await error(`${c360}/records/CUST999`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found", message: `${C360} has no record with key CUST999` });
    expect((await error(`${lines}/records/42,3`)).status).toBe(404);
  });

  it("an unknown route", async () => {
    const { status, body } = await error("/nothing/here?x=1");
    expect(status).toBe(404);
    expect(body.message).toBe("no route GET /nothing/here");
  });
});
