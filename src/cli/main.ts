import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";
import { EXIT_USAGE } from "./exit.ts";

const program = new Command("headwater")
  .description("Real-time data products from Flink SQL")
  .version("0.1.0")
  .showHelpAfterError()
  // Commander exits 1 on a bad command line; scripts tell that apart from bad input by exit code 2.
  // Set before the commands are registered, so every subcommand inherits it.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE));

registerCommands(program);

await program.parseAsync(process.argv);
