import type { Command } from "commander";
import { registerDemoCommand } from "./demo.ts";
import { registerSqlCommands } from "./sql.ts";
import { registerSqlRun } from "./sql-run.ts";

/** Every command group of the CLI; each lives in its own file and adds its subcommands. */
export function registerCommands(program: Command): void {
  registerSqlCommands(program);
  registerSqlRun(program);
  registerDemoCommand(program);
}
