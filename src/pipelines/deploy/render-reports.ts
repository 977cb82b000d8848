import { table } from "../plan/render-plan.ts";
import type { StatusReport } from "./collect-status.ts";
import type { HealthReport } from "./healthcheck.ts";
import type { DeployReport } from "./run-deploy.ts";
import type { UndeployReport } from "./run-undeploy.ts";

/** The deploy report people read: one line per table of the plan, then each failure in full. */
export function renderDeployReport(report: DeployReport): string {
  const lines = [`Deploy to ${report.target.kind} ${report.target.endpoint}`];
  for (const d of report.declared) lines.push(`  declared ${d.name}: ${d.phase}`);
  const rows = report.outcomes.map((o, i) => {
    const n = String(i + 1);
    switch (o.result) {
      case "deployed": {
        const last = o.statements.at(-1);
        const replaced = o.replaced.length > 0 ? `replaced ${o.replaced.join(", ")}` : "";
        return [n, "deployed", o.table, last?.name ?? "", last?.phase ?? "", replaced];
      }
      case "failed":
        return [n, "FAILED", o.table, o.statement, "", "see below"];
      case "skipped":
        return [n, "skipped", o.table, "", "", o.reason];
      case "unchanged":
        return [n, "kept", o.table, "", "", o.reason];
      default:
        return o satisfies never;
    }
  });
  lines.push(...table(["#", "result", "table", "statement", "phase", "note"], rows));
  for (const o of report.outcomes)
    if (o.result === "failed")
      lines.push("", `FAILED ${o.table}: ${o.statement || "(no statement)"}`, indent(o.error));
  const count = (r: string) => report.outcomes.filter((o) => o.result === r).length;
  lines.push(
    "",
    `${report.ok ? "ok" : "FAILED"}: ${count("deployed")} deployed, ${count("failed")} failed, ${count("skipped")} skipped, ${count("unchanged")} kept as is`,
  );
  return `${lines.join("\n")}\n`;
}

export function renderUndeployReport(report: UndeployReport): string {
  const lines = [`Undeploy from ${report.target.kind} ${report.target.endpoint}`];
  const rows = report.outcomes.map((o) => {
    switch (o.result) {
      case "undeployed":
        return [
          "undeployed",
          o.table,
          [...o.removed, ...(o.dropped ? [`dropped (${o.dropped})`] : [])].join(", "),
        ];
      case "not-deployed":
        return ["not deployed", o.table, "no statement on the target"];
      case "failed":
        return ["FAILED", o.table, `${o.statement}: see below`];
      case "skipped":
        return ["skipped", o.table, o.reason];
      default:
        return o satisfies never;
    }
  });
  lines.push(...table(["result", "table", "note"], rows));
  for (const o of report.outcomes)
    if (o.result === "failed") lines.push("", `FAILED ${o.table}: ${o.statement}`, indent(o.error));
  const count = (r: string) => report.outcomes.filter((o) => o.result === r).length;
  lines.push(
    "",
    `${report.ok ? "ok" : "FAILED"}: ${count("undeployed")} undeployed, ${count("not-deployed")} not deployed, ${count("failed")} failed, ${count("skipped")} skipped`,
  );
  return `${lines.join("\n")}\n`;
}

export function renderStatusReport(report: StatusReport): string {
  const lines = [`Status on ${report.target.kind} ${report.target.endpoint}`];
  const rows = report.tables.map((t) => {
    const dml = t.dml?.status;
    return [
      t.table,
      t.ddl ? (t.ddl.status?.phase ?? "missing") : "-",
      t.dml ? t.dml.name : "-",
      t.dml ? (dml?.phase ?? "missing") : "-",
      metric(dml?.recordsIn),
      metric(dml?.recordsOut),
      metric(dml?.lag),
      dml?.startedAt ?? "",
    ];
  });
  lines.push(...table(["table", "ddl", "dml statement", "phase", "in", "out", "lag", "started"], rows));
  for (const t of report.tables)
    for (const s of [t.ddl?.status, t.dml?.status])
      if (s && (s.phase === "FAILED" || s.phase === "DEGRADED") && s.detail)
        lines.push("", `${s.phase} ${s.name}:`, indent(s.detail));
  return `${lines.join("\n")}\n`;
}

export function renderHealthReport(report: HealthReport): string {
  const lines = [`Health on ${report.target.kind} ${report.target.endpoint}`];
  for (const p of report.products) {
    const counts = Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([phase, n]) => `${n} ${phase === "UNKNOWN" ? "missing" : phase}`)
      .join(", ");
    lines.push(`product ${p.product}: ${counts || "no statements"} — ${p.healthy ? "healthy" : "UNHEALTHY"}`);
    for (const f of p.findings) {
      switch (f.kind) {
        case "missing":
          lines.push(`  missing       ${f.table}: no statement ${f.statement} on the target`);
          break;
        case "not-running":
          lines.push(
            `  ${f.phase.padEnd(13)} ${f.table} (${f.statement})${f.detail ? `: ${firstLine(f.detail)}` : ""}`,
          );
          break;
        case "started-before-parent":
          lines.push(
            `  out of order  ${f.table} started ${f.startedAt}, before its parent ${f.parent} (${f.parentStartedAt}): restart ${f.table}`,
          );
          break;
        default:
          f satisfies never;
      }
    }
  }
  lines.push("", report.healthy ? "healthy" : "UNHEALTHY");
  return `${lines.join("\n")}\n`;
}

function metric(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}
