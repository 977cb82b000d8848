import { AGGREGATE_FUNCTIONS } from "./aggregate-functions.ts";
import { COLLECTION_FUNCTIONS } from "./collection-functions.ts";
import { CONDITIONAL_FUNCTIONS } from "./conditional-functions.ts";
import type { FunctionDefinition } from "./function-definition.ts";
import { JSON_FUNCTIONS } from "./json-functions.ts";
import { MATH_FUNCTIONS } from "./math-functions.ts";
import { STRING_FUNCTIONS } from "./string-functions.ts";
import { TEMPORAL_FUNCTIONS } from "./temporal-functions.ts";
import { WINDOW_FUNCTIONS } from "./window-functions.ts";
import { GROUP_WINDOW_AUXILIARIES, GROUP_WINDOWS, WINDOW_TVFS } from "./window-tvfs.ts";

function byName(definitions: readonly FunctionDefinition[]): ReadonlyMap<string, FunctionDefinition> {
  const map = new Map<string, FunctionDefinition>();
  for (const definition of definitions) {
    if (map.has(definition.name)) throw new Error(`duplicate built-in function ${definition.name}`);
    map.set(definition.name, definition);
  }
  return map;
}

/**
 * Functions called in expressions. TUMBLE, HOP and SESSION here are the legacy GROUP BY windows; in
 * `FROM TABLE(...)` the same names are window TVFs (lookupTableFunction).
 */
const EXPRESSION_FUNCTIONS = byName([
  ...STRING_FUNCTIONS,
  ...TEMPORAL_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...WINDOW_FUNCTIONS,
  ...GROUP_WINDOWS,
  ...GROUP_WINDOW_AUXILIARIES,
  // CUMULATE has no legacy form: found here, it tells the binder "a table function, use it in FROM".
  ...WINDOW_TVFS.filter((tvf) => !GROUP_WINDOWS.some((g) => g.name === tvf.name)),
]);

const TABLE_FUNCTIONS = byName(WINDOW_TVFS);

/**
 * Built-in functions by the spelling a script used (`count`, `Count`): the binder looks a call's name up
 * several times, and the lexer hands it one string per distinct word, whose hash V8 keeps, where
 * `toUpperCase` would make a new string to hash each time. Only names of built-ins are remembered,
 * and only so many spellings, so made-up names cannot grow it.
 */
const bySpelling = new Map<string, FunctionDefinition>();
const MAX_SPELLINGS = 4096;

/** The built-in function called `name` in an expression (case-insensitive). */
export function lookupFunction(name: string): FunctionDefinition | undefined {
  const known = bySpelling.get(name);
  if (known !== undefined) return known;
  const definition = EXPRESSION_FUNCTIONS.get(name.toUpperCase());
  if (definition !== undefined && bySpelling.size < MAX_SPELLINGS) bySpelling.set(name, definition);
  return definition;
}

/** The built-in table function called `name` in `FROM TABLE(name(...))`: the window TVFs. */
export function lookupTableFunction(name: string): FunctionDefinition | undefined {
  return TABLE_FUNCTIONS.get(name.toUpperCase());
}

/** Every built-in name, sorted, for "did you mean" hints. */
export function allFunctionNames(): readonly string[] {
  return [...new Set([...EXPRESSION_FUNCTIONS.keys(), ...TABLE_FUNCTIONS.keys()])].sort();
}
