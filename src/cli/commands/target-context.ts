import { relative, resolve } from "node:path";
import {
  createTarget,
  type DeployTarget,
  maskSecretsInText,
  type PlanSelector,
  type Project,
  TARGET_KINDS,
  type TargetKind,
} from "../../pipelines/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import type { TargetCliOptions } from "./deploy-options.ts";
import { loadAndReport } from "./project-load.ts";

/** Exactly one of --table, --product, --dir, as a plan selector (a folder relative to the project). */
export function selectorOf(options: TargetCliOptions, projectDir: string): PlanSelector {
  const given = [options.table, options.product, options.dir].filter((s) => s !== undefined);
  if (given.length !== 1) fail("give exactly one of --table, --product, --dir");
  if (options.table) return { kind: "table", table: options.table };
  if (options.product) return { kind: "product", product: options.product };
  return { kind: "dir", dir: relative(projectDir, resolve(options.dir!)).split("\\").join("/") };
}

export function targetKindOf(options: { target?: string }): TargetKind | undefined {
  if (options.target === undefined) return undefined;
  if (!(TARGET_KINDS as readonly string[]).includes(options.target))
    fail(`--target must be one of ${TARGET_KINDS.join(", ")}, not '${options.target}'`);
  return options.target as TargetKind;
}

/**
 * Loads the project and builds its target; on a configuration problem prints it and returns
 * undefined with exit code 1. `strict` also refuses a project with errors (deploy must not ship them).
 */
export function projectAndTarget(
  options: TargetCliOptions,
  strict: boolean,
): (TargetContext & { selector: PlanSelector }) | undefined {
  const selector = selectorOf(options, resolve(options.project));
  const context = openTarget(options, strict);
  return context && { ...context, selector };
}

export interface TargetContext {
  readonly project: Project;
  readonly target: DeployTarget;
}

/**
 * Loads the project and builds its target; on a configuration problem prints it and returns
 * undefined with exit code 1. `strict` also refuses a project with errors (deploy must not ship them).
 */
export function openTarget(
  options: { project: string; target?: string; json?: boolean },
  strict: boolean,
): TargetContext | undefined {
  const kind = targetKindOf(options);
  const project = loadAndReport(resolve(options.project), options.json === true);
  const errors = project.findings.filter((f) => f.severity === "error");
  const configErrors = errors.filter((f) => f.code === "config/invalid");
  if (configErrors.length > 0 || (strict && errors.length > 0)) {
    report(
      options,
      project,
      configErrors.length > 0
        ? `the configuration has ${configErrors.length} problem(s); see \`headwater project config\``
        : `the project has ${errors.length} error(s); fix them before deploying (see \`headwater lint\`)`,
    );
    return undefined;
  }
  const target = createTarget(project.config, kind);
  if ("problems" in target) {
    report(options, project, target.problems.join("\n"));
    return undefined;
  }
  return { project, target };
}

/** Runs `body` with an open target, reports a target error (unreachable, refused) and closes it. */
export async function withTarget<C extends TargetContext>(
  options: { json?: boolean },
  context: C | undefined,
  body: (context: C) => Promise<void>,
): Promise<void> {
  if (!context) return;
  try {
    await body(context);
  } catch (error) {
    report(options, context.project, (error as Error).message);
  } finally {
    await context.target.close().catch(() => undefined);
  }
}

/**
 * Prints a command's report (JSON, or text from `render`) or its error; exit code 1 on an error or
 * on a report `ok` judges a failure.
 */
export function printReport<R>(
  options: { json?: boolean },
  project: Project,
  result: R | { error: string },
  render: (report: R) => string,
  ok: (report: R) => boolean = () => true,
): void {
  if (typeof result === "object" && result !== null && "error" in result) {
    report(options, project, (result as { error: string }).error);
    return;
  }
  const done = result as R;
  print(project, options.json ? json(done) : render(done));
  if (!ok(done)) process.exitCode = EXIT_FAILURE;
}

/** Writes a failure: to stderr, and with --json also as `{ok: false, error}` on stdout. Exit code 1. */
export function report(options: { json?: boolean }, project: Project | undefined, message: string): void {
  const text = project ? maskSecretsInText(message, project.config.secrets) : message;
  process.stderr.write(`headwater: ${text}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, error: text }, null, 2)}\n`);
  process.exitCode = EXIT_FAILURE;
}

/** Prints text or JSON with every configured secret blanked out. */
export function print(project: Project, text: string): void {
  process.stdout.write(maskSecretsInText(text, project.config.secrets));
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
