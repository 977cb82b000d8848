/** `headwater report`: the project's graph with layers, products, statefulness and upsert keys. */
export { buildReport, type ProjectReport, type ReportSelector, type ReportTable } from "./project-report.ts";
export { renderReportJson, renderReportTree, renderReportYaml } from "./render-report.ts";
export { renderReportHtml } from "./render-report-html.ts";
