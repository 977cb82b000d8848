import type { Command } from "commander";
import { registerChangesCommand } from "./changes.ts";
import { registerDemoCommand } from "./demo.ts";
import { registerDeployCommands } from "./deploy.ts";
import { registerExportCommand } from "./export.ts";
import { registerHealthcheckCommand } from "./healthcheck.ts";
import { registerInventoryCommand } from "./inventory.ts";
import { registerLineageCommand } from "./lineage.ts";
import { registerLintCommand } from "./lint.ts";
import { registerParityCommand } from "./parity.ts";
import { registerPlanCommand } from "./plan.ts";
import { registerProjectCommands } from "./project.ts";
import { registerReportCommand } from "./report.ts";
import { registerRestCommand } from "./rest.ts";
import { registerServeCommand } from "./serve.ts";
import { registerSqlCommands } from "./sql.ts";
import { registerSqlEndpointCommand } from "./sql-endpoint.ts";
import { registerSqlRun } from "./sql-run.ts";
import { registerStatementCommands } from "./statement.ts";
import { registerTableCommands } from "./table.ts";
import { registerTestCommand } from "./test.ts";
import { registerTopicCommands } from "./topic.ts";

/** Every command group of the CLI; each lives in its own file and adds its subcommands. */
export function registerCommands(program: Command): void {
  registerSqlCommands(program);
  registerProjectCommands(program);
  registerTableCommands(program);
  registerTopicCommands(program);
  registerInventoryCommand(program);
  registerLineageCommand(program);
  registerPlanCommand(program);
  registerLintCommand(program);
  registerTestCommand(program);
  registerChangesCommand(program);
  registerReportCommand(program);
  registerDeployCommands(program);
  registerHealthcheckCommand(program);
  registerServeCommand(program);
  registerStatementCommands(program);
  registerSqlRun(program);
  registerDemoCommand(program);
  registerParityCommand(program);
  registerRestCommand(program);
  registerSqlEndpointCommand(program);
  registerExportCommand(program);
}
