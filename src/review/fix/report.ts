import type { FixPlan } from './plan';

/**
 * The fix's report, in the article's shape: what was fixed, then what the creator must still do
 * (CRITICAL, then WARNING, `[ID] message`), and the line to run the review again.
 */
export function formatFixReport(plan: FixPlan, options: { readonly dryRun?: boolean } = {}): string {
  const app = plan.after.apps.map((a) => a.app).join(', ') || 'this app';
  const lines: string[] = [];
  const verb = options.dryRun ? 'Would fix' : 'Fixed';
  if (plan.fixed.length === 0) {lines.push(`Nothing to fix mechanically in "${app}".`);} else {
    lines.push(`🔧 ${verb} ${plan.fixed.length} ${plan.fixed.length === 1 ? 'thing' : 'things'} in "${app}":`);
    for (const item of plan.fixed) lines.push(`  [${item.id}] ${item.object ? `${item.object} (${item.file})` : item.file}: ${item.what}`);
  }
  const changed = plan.files.map((file) => `${file.path}${file.before === null ? ' (new)' : file.after === null ? ' (removed)' : ''}`);
  if (changed.length > 0) lines.push('', `${options.dryRun ? 'Files that would change' : 'Files changed'}: ${changed.join(', ')}`);
  lines.push('');
  if (plan.remaining.length === 0) {
    lines.push(`✅ App "${app}" passes all platform contract checks${options.dryRun ? ' once these fixes are written' : ''}. Ready to deploy.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`⚠️  ${plan.remaining.length} ${plan.remaining.length === 1 ? 'issue is' : 'issues are'} left for you in "${app}":`);
  for (const [severity, heading] of [
    ['CRITICAL', 'CRITICAL (must fix):'],
    ['WARNING', 'WARNING (strongly recommended):'],
  ] as const) {
    const findings = plan.remaining.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push('', heading);
    for (const finding of findings) lines.push(`  [${finding.id}] ${finding.message}${finding.why ? ` (not fixed: ${finding.why})` : ''}`);
  }
  lines.push('', 'Run vibe review again after fixing.');
  return `${lines.join('\n')}\n`;
}
