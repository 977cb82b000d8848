/**
 * The SQL dialect a statement is printed for. Both are Flink SQL; the printer writes the same text for
 * both except where one of them rejects or reads differently what the other accepts:
 *
 * - `DISTRIBUTED BY (k)` / `ADD DISTRIBUTION BY (k)` without an algorithm: Confluent Cloud documents only
 *   the `HASH(k)` form, so for `confluent` the printer always writes `HASH`. Apache Flink gets the
 *   algorithm exactly as the AST has it.
 */
export type Dialect = "flink" | "confluent";

export interface PrintOptions {
  /** Defaults to `flink`. */
  readonly dialect?: Dialect;
}

export function dialectOf(options: PrintOptions | undefined): Dialect {
  return options?.dialect ?? "flink";
}
