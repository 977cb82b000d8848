import type { RowKind } from "../../common/changelog.ts";
import type { SqlValue } from "../../common/value.ts";
import { bigDecimalText, javaDoubleText, javaFloatText } from "../../formats/text/java-number-text.ts";
import { formatDate } from "../../formats/text/temporal-text.ts";
import type { DataType } from "../../sql/types/data-type.ts";

const MS_PER_DAY = 86_400_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** java.time.LocalTime.toString: `10:15`, `10:15:30`, `10:15:30.500`. */
function localTime(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay % 1000;
  let text = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}`;
  if (seconds % 60 > 0 || millis > 0) text += `:${pad2(seconds % 60)}`;
  if (millis > 0) text += `.${String(millis).padStart(3, "0")}`;
  return text;
}

function splitDays(epochMs: number): [number, number] {
  const days = Math.floor(epochMs / MS_PER_DAY);
  return [days, epochMs - days * MS_PER_DAY];
}

/** java.time.Period.toString of months: `P1Y2M`, `P0D` for zero. */
function period(months: number): string {
  if (months === 0) return "P0D";
  const years = Math.trunc(months / 12);
  const rest = months % 12;
  return `P${years !== 0 ? `${years}Y` : ""}${rest !== 0 ? `${rest}M` : ""}`;
}

/** java.time.Duration.toString of milliseconds: `PT1H30M`, `PT0.5S`, `PT0S`. */
function duration(ms: number): string {
  if (ms === 0) return "PT0S";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor(abs / 60_000) % 60;
  const millis = abs % 60_000;
  let text = "PT";
  if (hours > 0) text += `${sign}${hours}H`;
  if (minutes > 0) text += `${sign}${minutes}M`;
  if (millis > 0) {
    const secs = Math.floor(millis / 1000);
    const frac = millis % 1000;
    text += `${sign}${secs}${frac > 0 ? `.${String(frac).padStart(3, "0").replace(/0+$/, "")}` : ""}S`;
  }
  return text;
}

/**
 * A value as Flink's print connector shows it: the `toString` of the Java object Flink converts it to
 * (LocalDateTime, Instant, BigDecimal, byte[] as a list of signed bytes, nested rows as `+I[...]`).
 */
export function javaText(value: SqlValue, type: DataType): string {
  if (value === null) return "null";
  switch (type.kind) {
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "CHAR":
    case "VARCHAR":
      return String(value);
    case "FLOAT":
      return javaFloatText(value as number);
    case "DOUBLE":
      return javaDoubleText(value as number);
    case "DECIMAL":
      return bigDecimalText(value as bigint, type.scale);
    case "BINARY":
    case "VARBINARY":
      return `[${[...(value as Uint8Array)].map((b) => (b > 127 ? b - 256 : b)).join(", ")}]`;
    case "DATE":
      return formatDate(value as number);
    case "TIME":
      return localTime(value as number);
    case "TIMESTAMP": {
      const [days, ms] = splitDays(value as number);
      return `${formatDate(days)}T${localTime(ms)}`;
    }
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ": {
      const [days, ms] = splitDays(value as number);
      const seconds = Math.floor(ms / 1000);
      const millis = ms % 1000;
      const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
      return `${formatDate(days)}T${time}${millis > 0 ? `.${String(millis).padStart(3, "0")}` : ""}Z`;
    }
    case "INTERVAL_YM":
      return period(value as number);
    case "INTERVAL_DT":
      return duration(value as number);
    case "ARRAY":
      return `[${(value as SqlValue[]).map((v) => javaText(v, type.element)).join(", ")}]`;
    case "MAP":
      return `{${[...(value as Map<SqlValue, SqlValue>)].map(([k, v]) => `${javaText(k, type.key)}=${javaText(v, type.value)}`).join(", ")}}`;
    case "MULTISET":
      return `{${[...(value as Map<SqlValue, SqlValue>)].map(([k, n]) => `${javaText(k, type.element)}=${String(n)}`).join(", ")}}`;
    case "ROW":
      return javaRowText(
        "+I",
        value as SqlValue[],
        type.fields.map((f) => f.type),
      );
    default:
      return String(value);
  }
}

/** Flink's `Row.toString`: `+I[1, a]`. */
export function javaRowText(kind: RowKind, row: readonly SqlValue[], types: readonly DataType[]): string {
  return `${kind}[${row.map((v, i) => javaText(v, types[i]!)).join(", ")}]`;
}
