/**
 * Flink's logical types. The parser produces them for column definitions and CASTs; the binder infers
 * them for expressions. They carry no source span: they are values, compared structurally.
 */
export type DataType =
  | {
      readonly kind: "CHAR" | "VARCHAR" | "BINARY" | "VARBINARY";
      readonly length: number;
      readonly nullable: boolean;
    }
  | {
      readonly kind:
        | "BOOLEAN"
        | "TINYINT"
        | "SMALLINT"
        | "INT"
        | "BIGINT"
        | "FLOAT"
        | "DOUBLE"
        | "DATE"
        | "NULL";
      readonly nullable: boolean;
    }
  | {
      readonly kind: "DECIMAL";
      readonly precision: number;
      readonly scale: number;
      readonly nullable: boolean;
    }
  | {
      readonly kind: "TIME" | "TIMESTAMP" | "TIMESTAMP_LTZ" | "TIMESTAMP_TZ";
      readonly precision: number;
      readonly nullable: boolean;
    }
  | {
      readonly kind: "INTERVAL_YM";
      readonly resolution: YearMonthResolution;
      readonly precision: number;
      readonly nullable: boolean;
    }
  | {
      readonly kind: "INTERVAL_DT";
      readonly resolution: DayTimeResolution;
      readonly dayPrecision: number;
      readonly fractionalPrecision: number;
      readonly nullable: boolean;
    }
  | { readonly kind: "ARRAY" | "MULTISET"; readonly element: DataType; readonly nullable: boolean }
  | { readonly kind: "MAP"; readonly key: DataType; readonly value: DataType; readonly nullable: boolean }
  | { readonly kind: "ROW"; readonly fields: readonly RowField[]; readonly nullable: boolean }
  | {
      readonly kind: "RAW";
      readonly className: string;
      readonly snapshot: string;
      readonly nullable: boolean;
    };

export interface RowField {
  readonly name: string;
  readonly type: DataType;
  readonly description?: string;
}

export type YearMonthResolution = "YEAR" | "YEAR_TO_MONTH" | "MONTH";
export type DayTimeResolution =
  | "DAY"
  | "DAY_TO_HOUR"
  | "DAY_TO_MINUTE"
  | "DAY_TO_SECOND"
  | "HOUR"
  | "HOUR_TO_MINUTE"
  | "HOUR_TO_SECOND"
  | "MINUTE"
  | "MINUTE_TO_SECOND"
  | "SECOND";

export type DataTypeKind = DataType["kind"];

/** The length Flink gives STRING (= VARCHAR) and BYTES (= VARBINARY). */
export const MAX_LENGTH = 2147483647;
