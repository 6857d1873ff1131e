import { textStyleFor } from './colors';
import { packageVersion } from './package-version';
import { sarifOptions, type SarifFlags } from './sarif-options';
import { clusterConfigJson, clusterConfigLine, type ClusterConfigSource } from '../inputs/cluster-config-discovery';
import { CATALOGUE } from '../review/catalogue';
import type { AppsReport, Finding } from '../review/finding';
import { formatAppsJson } from '../review/report/json';
import { formatAppsSarif } from '../review/report/sarif';
import { formatAppsText, formatFindingsOnly } from '../review/report/text';

/** The threshold of `--fail-on`: the least severe finding that fails the review (exit 1). */
export type FailOn = 'critical' | 'warning';

export interface ReviewOutputFlags extends SarifFlags {
  readonly format: 'text' | 'json' | 'sarif';
  /** Only the findings (text), no notes. */
  readonly quiet?: boolean;
  /** What was read and what each check concluded, on stderr. */
  readonly verbose?: boolean;
  /** commander's `--no-color`: false turns colours off. @default true */
  readonly color?: boolean;
  /** @default 'critical' */
  readonly failOn?: FailOn;
}

/** Whether the review fails (exit 1): a CRITICAL finding, or with `--fail-on warning` any finding. */
export function reviewFails(report: AppsReport, failOn: FailOn = 'critical'): boolean {
  return failOn === 'warning' ? report.apps.some((app) => app.findings.length > 0) : !report.passed;
}

/** stdout of `vibe review`: the report in its format, saying which cluster settings it used. */
export function reviewStdout(report: AppsReport, source: ClusterConfigSource, flags: ReviewOutputFlags): string {
  if (flags.format === 'json') return formatAppsJson(report, { clusterConfig: clusterConfigJson(source) });
  if (flags.format === 'sarif') return formatAppsSarif(report, CATALOGUE, packageVersion(), sarifOptions(flags));
  const style = textStyleFor(process.stdout, process.env, flags.color);
  if (flags.quiet) return formatFindingsOnly(report, style);
  const warningsFail = flags.failOn === 'warning' && report.passed && reviewFails(report, 'warning');
  const failOnLine = warningsFail ? `${style.warning('--fail-on warning: the WARNING findings fail this review (exit 1).')}\n` : '';
  return `${style.dim(clusterConfigLine(source))}\n${formatAppsText(report, style)}${failOnLine}`;
}

/** `--verbose` on stderr: the inputs read and every check's verdict, so stdout stays the report. */
export function reviewVerboseLines(report: AppsReport, source: ClusterConfigSource): string {
  const lines = [`vibe review: ${clusterConfigLine(source)}`];
  for (const app of report.apps) {
    const applicable = app.summary.filter((s) => s.applicable);
    const notApplicable = app.summary.filter((s) => !s.applicable).map((s) => s.id);
    const failed = applicable.filter((s) => s.failed > 0).map((s) => s.id);
    lines.push(
      `vibe review: "${app.app}": ${applicable.length} checks applied (${applicable.length - failed.length} passed${failed.length ? `, failed: ${failed.join(' ')}` : ''}); ` +
        `not applicable: ${notApplicable.length ? notApplicable.join(' ') : 'none'}.`,
    );
    const files = new Set(app.findings.map((f: Finding) => f.file).filter((f): f is string => f !== undefined));
    if (files.size) lines.push(`vibe review: "${app.app}": findings in ${[...files].sort().join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}
