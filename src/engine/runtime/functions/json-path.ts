/**
 * Flink's SQL/JSON path subset: an optional `lax`/`strict` mode (lax by default), `$`, member access
 * `.key` / `['key']` / `."key"`, element access `[n]` (0-based) and wildcards `[*]` / `.*`. In lax
 * mode a member step on an array applies to its elements and a missing member yields nothing; in
 * strict mode both are errors.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

type Step =
  | { readonly kind: "member"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "wildcard" };

export interface JsonPath {
  readonly strict: boolean;
  readonly steps: readonly Step[];
}

export class JsonPathError extends Error {}

const cache = new Map<string, JsonPath>();

export function parseJsonPath(text: string): JsonPath {
  const cached = cache.get(text);
  if (cached) return cached;
  let rest = text.trim();
  let strict = false;
  const mode = /^(lax|strict)\s+/i.exec(rest);
  if (mode) {
    strict = mode[1]!.toLowerCase() === "strict";
    rest = rest.slice(mode[0].length);
  }
  if (!rest.startsWith("$")) throw new JsonPathError(`a JSON path starts with '$': '${text}'`);
  const steps: Step[] = [];
  let i = 1;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === ".") {
      if (rest[i + 1] === "*") {
        steps.push({ kind: "wildcard" });
        i += 2;
      } else if (rest[i + 1] === '"') {
        const end = rest.indexOf('"', i + 2);
        if (end < 0) throw new JsonPathError(`unterminated name in '${text}'`);
        steps.push({ kind: "member", name: rest.slice(i + 2, end) });
        i = end + 1;
      } else {
        const m = /^[A-Za-z_$][\w$]*/.exec(rest.slice(i + 1));
        if (!m) throw new JsonPathError(`invalid member name in '${text}'`);
        steps.push({ kind: "member", name: m[0] });
        i += 1 + m[0].length;
      }
    } else if (c === "[") {
      const end = rest.indexOf("]", i);
      if (end < 0) throw new JsonPathError(`unterminated '[' in '${text}'`);
      const inner = rest.slice(i + 1, end).trim();
      if (inner === "*") steps.push({ kind: "wildcard" });
      else if (/^\d+$/.test(inner)) steps.push({ kind: "index", index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: "member", name: inner.slice(1, -1) });
      else throw new JsonPathError(`invalid subscript [${inner}] in '${text}'`);
      i = end + 1;
    } else if (/\s/.test(c)) i++;
    else throw new JsonPathError(`unexpected '${c}' in '${text}'`);
  }
  const path = { strict, steps };
  if (cache.size > 1000) cache.clear();
  cache.set(text, path);
  return path;
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The items the path selects (empty when nothing matches in lax mode); strict-mode misses throw. */
export function evaluateJsonPath(path: JsonPath, root: JsonValue): JsonValue[] {
  let current: JsonValue[] = [root];
  for (const step of path.steps) {
    const next: JsonValue[] = [];
    for (const item of current) {
      if (step.kind === "wildcard") {
        if (Array.isArray(item)) next.push(...item);
        else if (isObject(item)) next.push(...Object.values(item));
        else if (path.strict) throw new JsonPathError("wildcard on a scalar");
      } else if (step.kind === "index") {
        if (Array.isArray(item) && step.index < item.length) next.push(item[step.index]!);
        else if (!Array.isArray(item) && !path.strict && step.index === 0) next.push(item);
        else if (path.strict) throw new JsonPathError(`no element [${step.index}]`);
      } else {
        const targets = Array.isArray(item) && !path.strict ? item : [item];
        for (const target of targets) {
          if (isObject(target) && Object.hasOwn(target, step.name)) next.push(target[step.name]!);
          else if (path.strict) throw new JsonPathError(`no member '${step.name}'`);
        }
      }
    }
    current = next;
  }
  return current;
}
