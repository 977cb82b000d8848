// Avro rows in Confluent's wire format. Reading: the writer schema comes from the registry by the id in
// each record and is resolved into the table's reader schema (Flink's avro-confluent behaviour).
// Writing: the table's schema is registered under the subject and its id framed into each record.
// The registry is async and the hot path is not: prepare() fetches what encode/decode will need.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { type AvroReadPlan, type AvroRowCodec, createAvroRowCodec } from "../avro/avro-codec.ts";
import type { AvroSchema, DeriveOptions } from "../avro/avro-schema.ts";
import { FieldError } from "../errors.ts";
import type { RegistrySettings } from "./registry-options.ts";
import { frame, HEADER_SIZE, schemaIdOf } from "./wire-format.ts";

export interface RegistryAvroCodec {
  readonly codec: AvroRowCodec;
  prepareRead(records: Iterable<Uint8Array | null>): Promise<void>;
  /** Throws FieldError (offsets count from the start of the framed record). */
  decode(bytes: Uint8Array): SqlValue[];
  prepareWrite(): Promise<void>;
  encode(row: readonly SqlValue[]): Uint8Array;
}

type PlanState = { readonly plan: AvroReadPlan } | { readonly failure: string };

export function createRegistryAvroCodec(
  columns: readonly { readonly name: string; readonly type: DataType }[],
  derive: DeriveOptions,
  registry: RegistrySettings,
  explicitSchema?: AvroSchema,
): RegistryAvroCodec {
  const codec = createAvroRowCodec(columns, derive, explicitSchema);
  const plans = new Map<number, PlanState>();
  const schemaText = JSON.stringify(codec.schema);
  let writerId: number | undefined;

  async function fetchPlan(id: number): Promise<void> {
    try {
      const registered = await registry.client.schemaById(id);
      if (registered.schemaType !== "AVRO") {
        plans.set(id, { failure: `schema id ${id} is a ${registered.schemaType} schema, not Avro` });
        return;
      }
      plans.set(id, { plan: codec.planFor(JSON.parse(registered.schema) as AvroSchema) });
    } catch (error) {
      plans.set(id, {
        failure: `schema id ${id}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  return {
    codec,
    async prepareRead(records) {
      const wanted = new Set<number>();
      for (const bytes of records) {
        if (bytes === null || bytes.length < HEADER_SIZE || bytes[0] !== 0) continue;
        const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(1, false);
        if (!plans.has(id)) wanted.add(id);
      }
      await Promise.all([...wanted].map(fetchPlan));
    },
    decode(bytes) {
      const id = schemaIdOf(bytes);
      const state = plans.get(id);
      if (state === undefined) {
        throw new FieldError(
          `unknown schema id ${id}: it was not fetched from the registry (call prepare() before decoding)`,
          undefined,
          1,
        );
      }
      if ("failure" in state) throw new FieldError(`unknown schema id ${id}: ${state.failure}`, undefined, 1);
      return codec.decode(bytes, HEADER_SIZE, state.plan);
    },
    async prepareWrite() {
      const name = codec.type.name ?? "record";
      writerId = await registry.client.register(registry.subjectFor(name), schemaText);
    },
    encode(row) {
      if (writerId === undefined)
        throw new Error("the registry serializer was used before prepare() registered its schema");
      return frame(writerId, codec.encode(row));
    },
  };
}
