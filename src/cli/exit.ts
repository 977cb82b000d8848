/** Exit codes scripts can rely on. */
export const EXIT_OK = 0;
/** The input had errors (SQL errors, failed tests). */
export const EXIT_FAILURE = 1;
/** The command line itself was wrong (unknown option, missing file). */
export const EXIT_USAGE = 2;

/** Stops the command with a usage error message. */
export function fail(message: string): never {
  process.stderr.write(`headwater: ${message}\n`);
  process.exit(EXIT_USAGE);
}
