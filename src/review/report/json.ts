import type { AppsReport, ReviewReport } from '../finding';

/** `{"app", "passed", "findings": [{id, severity, message, file, line, kind, name, namespace}]}`. */
export function formatJson(report: ReviewReport, extra: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({ app: report.app, passed: report.passed, findings: findingsJson(report), ...extra }, null, 2)}\n`;
}

/**
 * One app: as `formatJson`; `extra` keys (how the review was made, e.g. `clusterConfig`) follow. Many: `{"passed", "apps": [{app, namespace, passed, findings}]}`,
 * `passed` false when any app has a CRITICAL finding.
 */
export function formatAppsJson(report: AppsReport, extra: Readonly<Record<string, unknown>> = {}): string {
  if (report.apps.length === 1) return formatJson(report.apps[0], extra);
  const apps = report.apps.map((app) => ({ app: app.app, namespace: app.namespace ?? null, passed: app.passed, findings: findingsJson(app) }));
  return `${JSON.stringify({ passed: report.passed, apps, ...extra }, null, 2)}\n`;
}

function findingsJson(report: ReviewReport) {
  return report.findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    message: f.message,
    file: f.file ?? null,
    line: f.line ?? null,
    kind: f.kind ?? null,
    name: f.name ?? null,
    namespace: f.namespace ?? null,
  }));
}
