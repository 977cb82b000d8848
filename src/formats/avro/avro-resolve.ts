// Reading data written with another schema (schema evolution, or a Debezium/producer-chosen record
// name). avsc resolves a writer schema into a reader schema (added fields take their defaults, dropped
// ones are skipped, int→long/float/double and string↔bytes promote) but, per the Avro spec, requires
// matching record names. Flink's reader schema names its records `record`, `record_after`, … while
// producers use their own names, so the reader gets each writer record's full name as an alias.
import type { AvroSchema } from "./avro-schema.ts";

type SchemaObject = { readonly type: string; readonly [attribute: string]: unknown };

const PRIMITIVES = new Set(["null", "boolean", "int", "long", "float", "double", "bytes", "string"]);

function isObject(schema: unknown): schema is SchemaObject {
  return typeof schema === "object" && schema !== null && !Array.isArray(schema);
}

/** Writer named types by full name, so that references by name can be followed. */
class WriterNames {
  readonly byName = new Map<string, SchemaObject>();

  collect(schema: unknown, namespace: string): void {
    if (Array.isArray(schema)) for (const branch of schema) this.collect(branch, namespace);
    else if (isObject(schema)) {
      if (
        schema.type === "record" ||
        schema.type === "error" ||
        schema.type === "enum" ||
        schema.type === "fixed"
      ) {
        const full = fullName(schema, namespace);
        this.byName.set(full, schema);
        const inner = full.includes(".") ? full.slice(0, full.lastIndexOf(".")) : "";
        for (const field of (schema.fields as { type: unknown }[] | undefined) ?? [])
          this.collect(field.type, inner);
      } else if (schema.type === "array") this.collect(schema.items, namespace);
      else if (schema.type === "map") this.collect(schema.values, namespace);
    }
  }
}

function fullName(schema: SchemaObject, namespace: string): string {
  const name = String(schema.name);
  if (name.includes(".")) return name;
  const ns = typeof schema.namespace === "string" ? schema.namespace : namespace;
  return ns === "" ? name : `${ns}.${name}`;
}

function namespaceOf(full: string): string {
  return full.includes(".") ? full.slice(0, full.lastIndexOf(".")) : "";
}

/** The reader schema, copied, with each record aliased to the writer record it will read. */
export function aliasReaderToWriter(reader: AvroSchema, writer: AvroSchema): AvroSchema {
  const names = new WriterNames();
  names.collect(writer, "");
  return alias(reader, writer, "", names);
}

/** Resolves a writer schema reference (a name, or a union) to the branch matching the reader's shape. */
function writerBranch(
  writer: unknown,
  wanted: string,
  namespace: string,
  names: WriterNames,
): [SchemaObject, string] | undefined {
  if (Array.isArray(writer)) {
    for (const branch of writer) {
      const found = writerBranch(branch, wanted, namespace, names);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof writer === "string") {
    if (PRIMITIVES.has(writer)) return undefined;
    const full = writer.includes(".") || namespace === "" ? writer : `${namespace}.${writer}`;
    const target = names.byName.get(full) ?? names.byName.get(writer);
    return target?.type === wanted ? [target, target === names.byName.get(full) ? full : writer] : undefined;
  }
  if (isObject(writer) && writer.type === wanted) {
    return [writer, wanted === "record" ? fullName(writer, namespace) : namespace];
  }
  return undefined;
}

function alias(reader: unknown, writer: unknown, namespace: string, names: WriterNames): AvroSchema {
  if (Array.isArray(reader)) return reader.map((branch) => alias(branch, writer, namespace, names));
  if (!isObject(reader)) return reader as AvroSchema;
  if (reader.type === "record") {
    const match = writerBranch(writer, "record", namespace, names);
    if (match === undefined) return reader;
    const [writerRecord, writerFull] = match;
    const writerFields = (writerRecord.fields as { name: string; type: unknown }[] | undefined) ?? [];
    const inner = namespaceOf(writerFull);
    const readerFields = (reader.fields as { name: string; type: unknown }[] | undefined) ?? [];
    return {
      ...reader,
      // The alias must be fully qualified; a writer name without namespace needs an empty one here.
      ...(writerFull.includes(".") ? {} : { namespace: "" }),
      aliases: [writerFull],
      fields: readerFields.map((f) => {
        const w = writerFields.find((wf) => wf.name === f.name);
        return w === undefined ? f : { ...f, type: alias(f.type, w.type, inner, names) };
      }),
    };
  }
  if (reader.type === "array") {
    const match = writerBranch(writer, "array", namespace, names);
    return match === undefined
      ? reader
      : { ...reader, items: alias(reader.items, match[0].items, namespace, names) };
  }
  if (reader.type === "map") {
    const match = writerBranch(writer, "map", namespace, names);
    return match === undefined
      ? reader
      : { ...reader, values: alias(reader.values, match[0].values, namespace, names) };
  }
  return reader;
}
