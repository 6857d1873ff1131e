import { printable } from '../../io/printable';
import type { AppsReport, Finding, ReviewReport } from '../finding';

/** How the text report marks its parts: colours on a terminal (src/cli/colors.ts), none elsewhere. */
export interface TextStyle {
  readonly critical: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly ok: (text: string) => string;
  readonly dim: (text: string) => string;
}

const same = (text: string) => text;
/** No marks: what files, pipes and tests get. */
export const PLAIN: TextStyle = { critical: same, warning: same, ok: same, dim: same };

/**
 * The report a creator reads, in the article's shape: the count, CRITICAL then WARNING, one
 * `[ID] message` line each with where to look, and what to do next.
 */
export function formatText(report: ReviewReport, style: TextStyle = PLAIN): string {
  // Manifest values reach the messages: escaped, so none can colour, move or forge a line.
  const app = printable(report.app);
  const critical = report.findings.filter((f) => f.severity === 'CRITICAL');
  const warnings = report.findings.filter((f) => f.severity === 'WARNING');
  if (report.findings.length === 0) return `${style.ok(`✅ App "${app}" passed all platform contract checks. Ready to deploy.`)}\n`;
  const lines: string[] = [];
  const count = `${report.findings.length} issue${report.findings.length === 1 ? '' : 's'}`;
  lines.push(critical.length ? `⚠️  Found ${count} in "${app}". Fix these before deploying:` : `⚠️  Found ${count} in "${app}". None of them blocks the deployment:`);
  if (critical.length) lines.push('', style.critical('CRITICAL (must fix):'), ...critical.map((f) => line(f, style.critical, style)));
  if (warnings.length) lines.push('', style.warning('WARNING (strongly recommended):'), ...warnings.map((f) => line(f, style.warning, style)));
  lines.push('');
  lines.push(critical.length ? 'Run vibe review again after fixing.' : style.ok('✅ No CRITICAL findings: ready to deploy. Run vibe review again after fixing the warnings.'));
  return `${lines.join('\n')}\n`;
}

function line(finding: Finding, mark: (text: string) => string, style: TextStyle): string {
  return `  ${mark(`[${finding.id}]`)} ${printable(finding.message)}${style.dim(where(finding))}`;
}

function where(finding: Finding): string {
  return finding.file ? ` (${printable(finding.file)}${finding.line ? `:${finding.line}` : ''})` : '';
}

/** `--quiet`: the findings only, one line each, `CRITICAL [A1] message (file:line)`; nothing when there are none. */
export function formatFindingsOnly(report: AppsReport, style: TextStyle = PLAIN): string {
  const findings = report.apps.flatMap((app) => app.findings);
  const mark = (f: Finding) => (f.severity === 'CRITICAL' ? style.critical : style.warning)(`${f.severity} [${f.id}]`);
  return findings.map((f) => `${mark(f)} ${printable(f.message)}${style.dim(where(f))}\n`).join('');
}

/**
 * The report of a review of many apps: each app's report as above, then one line that counts
 * them. A review of one app reads exactly as `formatText`.
 */
export function formatAppsText(report: AppsReport, style: TextStyle = PLAIN): string {
  if (report.apps.length === 1) return formatText(report.apps[0], style);
  const blocked = report.apps.filter((app) => !app.passed).length;
  const total = `Reviewed ${report.apps.length} apps: ${report.apps.length - blocked} ready to deploy, ${blocked} with CRITICAL findings.`;
  return `${report.apps.map((app) => formatText(app, style)).join('\n')}\n${total}\n`;
}
