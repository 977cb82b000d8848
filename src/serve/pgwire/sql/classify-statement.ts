import { isWord, type Token, tokenize } from "./tokens.ts";

/**
 * Statements the endpoint answers itself instead of DuckDB: session settings and transaction control,
 * which clients send on their own (at connect, around queries) and which must behave as PostgreSQL's.
 */
export type SessionCommand =
  | { readonly kind: "set"; readonly name: string; readonly value: string | null }
  | { readonly kind: "reset"; readonly name: string | null }
  | { readonly kind: "show"; readonly name: string | null }
  | { readonly kind: "begin" }
  | { readonly kind: "commit" }
  | { readonly kind: "rollback" }
  | { readonly kind: "savepoint"; readonly tag: "SAVEPOINT" | "RELEASE" }
  | { readonly kind: "rollbackToSavepoint" }
  | { readonly kind: "discardAll" }
  | { readonly kind: "deallocate"; readonly name: string | null }
  /** Accepted and ignored (SET TRANSACTION ...: every transaction here is read-only already). */
  | { readonly kind: "ignored"; readonly tag: string }
  | { readonly kind: "unsupported"; readonly what: string };

export type ClassifiedStatement =
  | { readonly kind: "command"; readonly command: SessionCommand }
  | { readonly kind: "query" }
  /** Nothing but white space and comments: answered with EmptyQueryResponse. */
  | { readonly kind: "empty" };

const QUERY: ClassifiedStatement = { kind: "query" };

export function classifyStatement(sql: string): ClassifiedStatement {
  const t = tokenize(sql);
  const first = t[0];
  if (!first) return { kind: "empty" };
  if (first.kind !== "word") return QUERY;
  const command = (c: SessionCommand): ClassifiedStatement => ({ kind: "command", command: c });
  switch (first.value) {
    case "set":
      return command(classifySet(t.slice(1)));
    case "reset":
      return command({ kind: "reset", name: isWord(t[1], "all") ? null : settingName(t.slice(1)) });
    case "show":
      if (isWord(t[1], "all")) return command({ kind: "show", name: null });
      if (isWord(t[1], "time") && isWord(t[2], "zone")) return command({ kind: "show", name: "timezone" });
      if (isWord(t[1], "transaction") && isWord(t[2], "isolation"))
        return command({ kind: "show", name: "transaction_isolation" });
      return command({ kind: "show", name: settingName(t.slice(1)) });
    case "begin":
    case "start":
      return command({ kind: "begin" });
    case "commit":
    case "end":
      return command({ kind: "commit" });
    case "abort":
      return command({ kind: "rollback" });
    case "rollback":
      return t.some((x) => isWord(x, "to"))
        ? command({ kind: "rollbackToSavepoint" })
        : command({ kind: "rollback" });
    case "savepoint":
      return command({ kind: "savepoint", tag: "SAVEPOINT" });
    case "release":
      return command({ kind: "savepoint", tag: "RELEASE" });
    case "discard":
      return isWord(t[1], "all")
        ? command({ kind: "discardAll" })
        : command({ kind: "unsupported", what: `DISCARD ${t[1]?.value.toUpperCase() ?? ""}`.trim() });
    case "deallocate": {
      const rest = isWord(t[1], "prepare") ? t.slice(2) : t.slice(1);
      return command({ kind: "deallocate", name: isWord(rest[0], "all") ? null : (rest[0]?.value ?? "") });
    }
    case "listen":
    case "unlisten":
    case "notify":
    case "prepare":
    case "execute":
    case "fetch":
    case "declare":
    case "close":
    case "copy":
    case "vacuum":
    case "checkpoint":
      return command({ kind: "unsupported", what: first.value.toUpperCase() });
    default:
      return QUERY;
  }
}

function classifySet(t: readonly Token[]): SessionCommand {
  let i = 0;
  if (isWord(t[i], "session") || isWord(t[i], "local")) {
    if (isWord(t[i], "session") && isWord(t[i + 1], "characteristics"))
      return { kind: "ignored", tag: "SET" };
    i++;
  }
  if (isWord(t[i], "transaction")) return { kind: "ignored", tag: "SET" };
  if (isWord(t[i], "time") && isWord(t[i + 1], "zone"))
    return { kind: "set", name: "timezone", value: settingValue(t.slice(i + 2)) };
  if (isWord(t[i], "names"))
    return { kind: "set", name: "client_encoding", value: settingValue(t.slice(i + 1)) };
  if (isWord(t[i], "role") || isWord(t[i], "session"))
    return { kind: "unsupported", what: "SET ROLE / SET SESSION AUTHORIZATION" };
  const nameEnd = t.findIndex((x, j) => j > i && (x.value === "=" || isWord(x, "to")));
  if (nameEnd < 0) return { kind: "unsupported", what: "SET without a value" };
  return { kind: "set", name: settingName(t.slice(i, nameEnd)), value: settingValue(t.slice(nameEnd + 1)) };
}

/** `a.b` or a single word, as PostgreSQL folds it (unquoted parts lower-cased). */
function settingName(t: readonly Token[]): string {
  return t.map((x) => x.value).join("");
}

/** A value list: `DEFAULT` is null; items keep their text, joined by ", " as PostgreSQL shows lists. */
function settingValue(t: readonly Token[]): string | null {
  if (t.length === 1 && isWord(t[0], "default")) return null;
  if (isWord(t[0], "local") && t.length === 1) return null;
  const items: string[] = [];
  let current = "";
  for (const x of t) {
    if (x.value === ",") {
      items.push(current);
      current = "";
    } else {
      current += x.value;
    }
  }
  items.push(current);
  return items.join(", ");
}
