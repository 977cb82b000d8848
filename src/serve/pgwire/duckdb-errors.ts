import { PgError, SQLSTATE } from "./errors.ts";

/** DuckDB's error as `errors_as_json` gives it. */
interface DuckDbErrorJson {
  readonly exception_type?: string;
  readonly exception_message?: string;
  readonly error_subtype?: string;
  readonly position?: string;
  readonly type?: string;
  readonly name?: string;
}

/**
 * Translates a DuckDB error into PostgreSQL's terms: a SQLSTATE from DuckDB's exception type (and
 * subtype), PostgreSQL's wording for the errors clients match on (missing relation or column), and the
 * error's position — DuckDB gives a byte offset into the SQL it ran, PostgreSQL a 1-based character
 * position in the client's text. DuckDB's follow-up lines (candidates, "Did you mean") become the hint.
 * `sql` must be the text DuckDB ran; its rewrites keep offsets (see catalog/rewrite-catalog-syntax.ts).
 */
export function pgErrorFromDuckDb(error: unknown, sql: string): PgError {
  if (error instanceof PgError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const parsed = parseJson(text);
  if (!parsed)
    return new PgError(
      codeForType(/^([A-Za-z ]+) Error:/.exec(text)?.[1] ?? "", undefined, undefined, text),
      text,
    );
  const type = parsed.exception_type ?? "";
  const [first = "", ...rest] = (parsed.exception_message ?? text).split("\n");
  const hint = rest
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
  const position =
    parsed.position === undefined ? undefined : characterPosition(sql, Number(parsed.position));
  return new PgError(codeForType(type, parsed.error_subtype, parsed.type, first), pgMessage(parsed, first), {
    ...(position !== undefined ? { position } : {}),
    ...(hint !== "" ? { hint } : {}),
  });
}

function parseJson(text: string): DuckDbErrorJson | undefined {
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start)) as DuckDbErrorJson;
  } catch {
    return undefined;
  }
}

/** PostgreSQL's wording for the errors clients and people recognise. */
function pgMessage(e: DuckDbErrorJson, first: string): string {
  if (/^interrupt/i.test(e.exception_type ?? "")) return "canceling statement due to user request";
  if (e.error_subtype === "COLUMN_NOT_FOUND" && e.name) return `column "${e.name}" does not exist`;
  if (e.error_subtype === "MISSING_ENTRY" && e.name) {
    if (e.type === "Table" || e.type === "View") return `relation "${e.name}" does not exist`;
    if (e.type?.endsWith("Function")) return `function ${e.name} does not exist`;
    if (e.type === "Type") return `type "${e.name}" does not exist`;
  }
  return first.replace(/!$/, "");
}

function codeForType(
  type: string,
  subtype: string | undefined,
  entry: string | undefined,
  message: string,
): string {
  switch (type) {
    case "Parser":
    case "Syntax":
      return SQLSTATE.syntaxError;
    case "Catalog":
      if (entry === "Table" || entry === "View" || /^Table with name/.test(message))
        return SQLSTATE.undefinedTable;
      if (entry?.endsWith("Function")) return SQLSTATE.undefinedFunction;
      if (entry === "Schema") return SQLSTATE.invalidSchemaName;
      return SQLSTATE.undefinedObject;
    case "Binder":
      if (subtype === "COLUMN_NOT_FOUND") return SQLSTATE.undefinedColumn;
      if (subtype === "NO_MATCHING_FUNCTION" || /best candidate function/.test(message))
        return SQLSTATE.undefinedFunction;
      if (/GROUP BY/.test(message)) return SQLSTATE.groupingError;
      return SQLSTATE.syntaxErrorOrAccessRuleViolation;
    case "Conversion":
      return /out of range/.test(message)
        ? SQLSTATE.numericValueOutOfRange
        : SQLSTATE.invalidTextRepresentation;
    case "Out of Range":
      return SQLSTATE.numericValueOutOfRange;
    case "Invalid Input":
      return SQLSTATE.invalidParameterValue;
    case "Permission":
      return SQLSTATE.insufficientPrivilege;
    case "Not implemented":
      return SQLSTATE.featureNotSupported;
    case "INTERRUPT":
    case "Interrupt":
      return SQLSTATE.queryCanceled;
    case "Constraint":
      return SQLSTATE.integrityConstraintViolation;
    case "TransactionContext":
    case "Transaction":
      return SQLSTATE.readOnlySqlTransaction;
    case "Out of Memory":
      return SQLSTATE.outOfMemory;
    case "Invalid type":
    case "Mismatch Type":
      return SQLSTATE.datatypeMismatch;
    default:
      return SQLSTATE.internalError;
  }
}

/** The 1-based character position of UTF-8 byte `offset` in `sql`. */
function characterPosition(sql: string, offset: number): number | undefined {
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  const bytes = Buffer.from(sql, "utf8");
  if (offset > bytes.length) return undefined;
  // Characters, not UTF-16 units: psql counts characters when it places the caret.
  return [...bytes.subarray(0, offset).toString("utf8")].length + 1;
}
