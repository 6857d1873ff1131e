import { printable } from '../../io/printable';
import type { AppsReport, Finding, ReviewReport } from '../finding';

/**
 * The report a creator reads, in the article's shape: the count, CRITICAL then WARNING, one
 * `[ID] message` line each with where to look, and what to do next.
 */
export function formatText(report: ReviewReport): string {
  // Manifest values reach the messages: escaped, so none can colour, move or forge a line.
  const app = printable(report.app);
  const critical = report.findings.filter((f) => f.severity === 'CRITICAL');
  const warnings = report.findings.filter((f) => f.severity === 'WARNING');
  if (report.findings.length === 0) return `✅ App "${app}" passed all platform contract checks. Ready to deploy.\n`;
  const lines: string[] = [];
  const count = `${report.findings.length} issue${report.findings.length === 1 ? '' : 's'}`;
  lines.push(critical.length ? `⚠️  Found ${count} in "${app}". Fix these before deploying:` : `⚠️  Found ${count} in "${app}". None of them blocks the deployment:`);
  if (critical.length) lines.push('', 'CRITICAL (must fix):', ...critical.map(line));
  if (warnings.length) lines.push('', 'WARNING (strongly recommended):', ...warnings.map(line));
  lines.push('');
  lines.push(critical.length ? 'Run vibe review again after fixing.' : '✅ No CRITICAL findings: ready to deploy. Run vibe review again after fixing the warnings.');
  return `${lines.join('\n')}\n`;
}

function line(finding: Finding): string {
  const where = finding.file ? ` (${printable(finding.file)}${finding.line ? `:${finding.line}` : ''})` : '';
  return `  [${finding.id}] ${printable(finding.message)}${where}`;
}

/**
 * The report of a review of many apps: each app's report as above, then one line that counts
 * them. A review of one app reads exactly as `formatText`.
 */
export function formatAppsText(report: AppsReport): string {
  if (report.apps.length === 1) return formatText(report.apps[0]);
  const blocked = report.apps.filter((app) => !app.passed).length;
  const total = `Reviewed ${report.apps.length} apps: ${report.apps.length - blocked} ready to deploy, ${blocked} with CRITICAL findings.`;
  return `${report.apps.map(formatText).join('\n')}\n${total}\n`;
}
