/**
 * A table's connector cannot work as configured (an unknown or invalid option, a missing topic), or a
 * record it read cannot be turned into a row. The message names the table and, where there is one,
 * the option or the record's position: the user can act on it without a stack trace.
 */
export class ConnectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectorError";
  }
}
