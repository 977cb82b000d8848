import type { Command } from "commander";

/** Every command group of the CLI; each lives in its own file and adds its subcommands. */
export function registerCommands(program: Command): void {
  void program;
}
