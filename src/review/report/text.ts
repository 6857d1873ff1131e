import type { Finding, ReviewReport } from '../finding';

/**
 * The report a creator reads, in the article's shape: the count, CRITICAL then WARNING, one
 * `[ID] message` line each with where to look, and what to do next.
 */
export function formatText(report: ReviewReport): string {
  const critical = report.findings.filter((f) => f.severity === 'CRITICAL');
  const warnings = report.findings.filter((f) => f.severity === 'WARNING');
  if (report.findings.length === 0) return `✅ App "${report.app}" passed all platform contract checks. Ready to deploy.\n`;
  const lines: string[] = [];
  const count = `${report.findings.length} issue${report.findings.length === 1 ? '' : 's'}`;
  lines.push(critical.length ? `⚠️  Found ${count} in "${report.app}". Fix these before deploying:` : `⚠️  Found ${count} in "${report.app}". None of them blocks the deployment:`);
  if (critical.length) lines.push('', 'CRITICAL (must fix):', ...critical.map(line));
  if (warnings.length) lines.push('', 'WARNING (strongly recommended):', ...warnings.map(line));
  lines.push('');
  lines.push(critical.length ? 'Run vibe review again after fixing.' : '✅ No CRITICAL findings: ready to deploy. Run vibe review again after fixing the warnings.');
  return `${lines.join('\n')}\n`;
}

function line(finding: Finding): string {
  const where = finding.file ? ` (${finding.file}${finding.line ? `:${finding.line}` : ''})` : '';
  return `  [${finding.id}] ${finding.message}${where}`;
}
