import type { ReviewReport } from '../finding';

/** `{"app", "passed", "findings": [{id, severity, message, file, line, kind, name, namespace}]}`. */
export function formatJson(report: ReviewReport): string {
  const findings = report.findings.map((f) => ({
    id: f.id,
    severity: f.severity,
    message: f.message,
    file: f.file ?? null,
    line: f.line ?? null,
    kind: f.kind ?? null,
    name: f.name ?? null,
    namespace: f.namespace ?? null,
  }));
  return `${JSON.stringify({ app: report.app, passed: report.passed, findings }, null, 2)}\n`;
}
