import type { Command } from "commander";
// The deploy-target module alone (not the pipelines index): registering options must stay light.
import { TARGET_KINDS } from "../../pipelines/deploy/deploy-target.ts";
import { PROJECT_OPTION } from "./project.ts";

/** Options deploy, undeploy and status share. */
export interface TargetCliOptions {
  table?: string;
  product?: string;
  dir?: string;
  target?: string;
  json?: boolean;
  project: string;
}

export function targetOptions(command: Command, what: string): Command {
  return command
    .option("--table <table>", `${what} one table`)
    .option("--product <product>", `${what} every table of a product`)
    .option("--dir <folder>", `${what} every table under a folder, e.g. pipelines/sources/sales`)
    .option("--target <target>", `${TARGET_KINDS.join(", ")} (default: deploy.target of headwater.yaml)`)
    .option("--json", "print the report as JSON (also on failure: {ok: false, error})")
    .option(...PROJECT_OPTION);
}
