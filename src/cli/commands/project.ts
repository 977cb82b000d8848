import { basename, resolve } from "node:path";
import type { Command, CommanderError } from "commander";
import type { ProjectType } from "../../pipelines/index.ts";
import { EXIT_FAILURE, EXIT_USAGE, fail } from "../exit.ts";

/** Commander exits with 1 on a bad command line; scripts need 2 for usage errors (help stays 0). */
export function usageExitCodes(command: Command): Command {
  return command.exitOverride((error: CommanderError) => {
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  });
}

export const PROJECT_OPTION = [
  "--project <dir>",
  "project folder (holding headwater.yaml and pipelines/)",
  ".",
] as const;

export function registerProjectCommands(program: Command): void {
  const project = usageExitCodes(
    program.command("project").description("Create and configure a pipeline project"),
  );

  project
    .command("init")
    .description("Create a project: headwater.yaml, pipelines/<layer>/ folders and tests/")
    .argument("[dir]", "folder to create the project in", ".")
    .option("--type <type>", "kimball or data_product", "kimball")
    .option("--name <name>", "project name (default: the folder name)")
    .action(async (dir: string, options: { type: string; name?: string }) => {
      const { initProject } = await import("../../pipelines/index.ts");
      if (options.type !== "kimball" && options.type !== "data_product")
        fail(`--type must be kimball or data_product, not '${options.type}'`);
      const result = initProject(
        resolve(dir),
        options.name ?? basename(resolve(dir)),
        options.type as ProjectType,
      );
      if ("error" in result) fail(result.error);
      for (const path of result.created) process.stdout.write(`created ${path}\n`);
    });

  project
    .command("config")
    .description(
      "Print the effective configuration (defaults < headwater.yaml < HEADWATER_* variables), secrets masked; exit 1 listing every problem",
    )
    .option(...PROJECT_OPTION)
    .option("--json", "print JSON")
    .action(async (options: { project: string; json?: boolean }) => {
      const { describeConfig, loadConfig } = await import("../../pipelines/index.ts");
      const config = loadConfig(resolve(options.project));
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ config: describeConfig(config), origins: config.origins, problems: config.problems }, null, 2)}\n`,
        );
      } else {
        for (const [section, keys] of Object.entries(describeConfig(config))) {
          process.stdout.write(`${section}:\n`);
          for (const [key, value] of Object.entries(keys))
            process.stdout.write(
              `  ${key}: ${JSON.stringify(value)}  # ${config.origins[`${section}.${key}`]}\n`,
            );
        }
        for (const p of config.problems)
          process.stderr.write(`${p.path || "(file)"} = '${p.value}': ${p.why} (from ${p.origin})\n`);
      }
      if (config.problems.length > 0) process.exitCode = EXIT_FAILURE;
    });
}
