import { closestMatch } from "../../common/diagnostic.ts";
import type { YamlField, YamlReader } from "../yaml/yaml-reader.ts";
import type { ContractObject, SlaProperty } from "./data-contract.ts";
import { optional } from "./read-data-product.ts";

const SLA_FIELDS = [
  "id",
  "property",
  "value",
  "valueExt",
  "unit",
  "element",
  "driver",
  "description",
  "scheduler",
  "schedule",
];

/**
 * Units of a duration, spelled out. A bare `m` is refused: tools disagree on whether it means minutes
 * or months, and a freshness promise must not hinge on that.
 */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Reads one ODCS `slaProperties` entry; `latency`/`freshness` become a maximum age in milliseconds. */
export function readSlaProperty(
  reader: YamlReader,
  item: YamlField,
  object: ContractObject | undefined,
): SlaProperty | undefined {
  const sla = reader.object(item, SLA_FIELDS);
  if (!sla) return undefined;
  const property = sla.string("property", true);
  const unit = sla.string("unit");
  const element = sla.string("element");
  if (property === "latency" || property === "freshness") {
    const value = sla.number("value", true);
    if (value !== undefined && value <= 0)
      reader.error(sla.get("value"), "product/invalid-value", "must be a positive duration");
    if (unit === undefined)
      reader.error(sla.get("unit"), "product/missing-field", "is required for a duration (e.g. minutes)");
    const factor = unit === undefined ? undefined : DURATION_UNITS[unit.toLowerCase()];
    if (unit !== undefined && factor === undefined)
      reader.error(
        sla.get("unit"),
        "product/invalid-value",
        `'${unit}' is not a duration unit; use ms, seconds, minutes, hours or days`,
      );
    if (element !== undefined) checkElement(reader, sla.get("element"), element, object);
    if (value === undefined || value <= 0 || factor === undefined) return undefined;
    return {
      kind: "freshness",
      property,
      maxAgeMs: value * factor,
      text: `${value} ${unit}`,
      ...optional("element", element),
      span: sla.span(),
    };
  }
  const field = sla.get("value");
  const raw = (field.node as { value?: unknown } | undefined)?.value;
  if (typeof raw !== "string" && typeof raw !== "number") {
    reader.error(
      field,
      field.node ? "product/wrong-type" : "product/missing-field",
      "must be a number or text",
    );
    return undefined;
  }
  if (property === undefined) return undefined;
  return { kind: "other", property, value: raw, ...optional("unit", unit), span: sla.span() };
}

/** An `element` names `object.column` of the contract's schema object. */
function checkElement(
  reader: YamlReader,
  field: YamlField,
  element: string,
  object: ContractObject | undefined,
): void {
  const parts = element.split(".");
  if (parts.length !== 2) {
    reader.error(field, "product/invalid-value", "must name object.column");
    return;
  }
  if (!object) return;
  const [objectName, columnName] = parts as [string, string];
  if (objectName !== object.name) {
    reader.error(field, "product/reference", `'${objectName}' is not the schema object (${object.name})`);
    return;
  }
  const names = object.columns.map((c) => c.name);
  if (names.includes(columnName)) return;
  const near = closestMatch(columnName, names);
  reader.error(
    field,
    "product/reference",
    `'${columnName}' is not a property of ${object.name}`,
    near ? [`did you mean ${near}?`] : [],
  );
}
