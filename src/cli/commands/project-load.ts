import { resolve } from "node:path";
import { type Finding, loadProject, type Project, renderFinding } from "../../pipelines/index.ts";
import { EXIT_FAILURE } from "../exit.ts";

/** Loads the project and prints its findings to stderr; sets exit code 1 when any is an error. */
export function loadAndReport(dir: string, quiet = false): Project {
  const project = loadProject(resolve(dir));
  reportFindings(project.findings, quiet);
  return project;
}

export function reportFindings(findings: readonly Finding[], quiet = false): void {
  if (!quiet) for (const f of findings) process.stderr.write(`${renderFinding(f)}\n`);
  if (findings.some((f) => f.severity === "error")) process.exitCode = EXIT_FAILURE;
}
