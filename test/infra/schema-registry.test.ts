// Smoke test of the real schema registry peer (scripts/schema-registry.sh, Apicurio) through its
// Confluent-compatible REST API — the API Flink's avro-confluent format and Kafka clients speak.
import { beforeAll, expect, it } from "vitest";
import { describeWithJava, type RegistryPeer, requireRegistry, uniqueName } from "./peers.ts";

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = { method, headers: { Accept: CONTENT_TYPE } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { Accept: CONTENT_TYPE, "Content-Type": CONTENT_TYPE };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const customerSchema = {
  type: "record",
  name: "Customer",
  namespace: "retail.c360",
  fields: [
    { name: "customer_id", type: "string" },
    { name: "email", type: ["null", "string"], default: null },
    { name: "signup_ts", type: { type: "long", logicalType: "timestamp-millis" } },
  ],
};

describeWithJava("real schema registry (scripts/schema-registry.sh)", () => {
  let reg: RegistryPeer;

  beforeAll(async () => {
    reg = await requireRegistry();
  }, 600_000);

  it("serves the Confluent-compatible API on loopback", async () => {
    expect(reg.confluentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7$/);
    const r = await call("GET", `${reg.confluentUrl}/subjects`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json)).toBe(true);
  });

  it("registers an Avro schema and reads it back by id and by subject", async () => {
    const subject = `${uniqueName("customers")}-value`;
    const reg1 = await call("POST", `${reg.confluentUrl}/subjects/${subject}/versions`, {
      schemaType: "AVRO",
      schema: JSON.stringify(customerSchema),
    });
    expect(reg1.status).toBe(200);
    const id = (reg1.json as { id: number }).id;
    expect(Number.isInteger(id)).toBe(true);

    // same schema again: same id (idempotent registration, as in Confluent)
    const reg2 = await call("POST", `${reg.confluentUrl}/subjects/${subject}/versions`, {
      schema: JSON.stringify(customerSchema),
    });
    expect((reg2.json as { id: number }).id).toBe(id);

    const byId = await call("GET", `${reg.confluentUrl}/schemas/ids/${id}`);
    expect(byId.status).toBe(200);
    expect(JSON.parse((byId.json as { schema: string }).schema)).toEqual(customerSchema);

    const latest = await call("GET", `${reg.confluentUrl}/subjects/${subject}/versions/latest`);
    expect(latest.status).toBe(200);
    expect(latest.json).toMatchObject({ subject, version: 1, id });

    const subjects = await call("GET", `${reg.confluentUrl}/subjects`);
    expect(subjects.json as string[]).toContain(subject);
  });

  it("answers 404 with a Confluent error code for an unknown schema id", async () => {
    const r = await call("GET", `${reg.confluentUrl}/schemas/ids/987654321`);
    expect(r.status).toBe(404);
    expect((r.json as { error_code: number }).error_code).toBe(40403);
  });
});
