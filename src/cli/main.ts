import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

const program = new Command("headwater")
  .description("Real-time data products from Flink SQL")
  .version("0.1.0")
  .showHelpAfterError();

registerCommands(program);

await program.parseAsync(process.argv);
