/**
 * Statement names every target accepts: Confluent Cloud's rule (lowercase letters, digits, `-` and
 * `.`, starting and ending with a letter or digit, at most 100 characters), which the daemon applies
 * too so a name that deploys locally deploys everywhere.
 */
export const STATEMENT_NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
export const STATEMENT_NAME_MAX = 100;

const NAME = new RegExp(STATEMENT_NAME_PATTERN);

/** Why `name` cannot name a statement, or undefined when it can. */
export function statementNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a statement name must not be empty";
  if (name.length > STATEMENT_NAME_MAX)
    return `statement name '${name}' is ${name.length} characters long; at most ${STATEMENT_NAME_MAX} are allowed`;
  if (!NAME.test(name))
    return `statement name '${name}' must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`;
  return undefined;
}
