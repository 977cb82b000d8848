import type { Command } from "commander";
import { registerDemoC360 } from "./demo-c360.ts";
import { registerDemoTour } from "./demo-tour.ts";
import { usageExitCodes } from "./project.ts";

/** `headwater demo`: Customer 360 live (`c360`, the default) and a tour of the engine (`tour`). */
export function registerDemoCommand(program: Command): void {
  const demo = usageExitCodes(
    program
      .command("demo")
      .description("Demos: Customer 360 live (c360, the default) and a tour of the engine"),
  );
  registerDemoC360(demo);
  registerDemoTour(demo);
}
