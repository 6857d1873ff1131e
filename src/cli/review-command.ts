import { EXIT } from './exit';
import { packageVersion } from './package-version';
import { reviewInputsBesideLive, reviewInputsFromFlags, type ReviewFlags } from './review-inputs';
import { sarifOptions, type SarifFlags } from './sarif-options';
import type { LiveReviewFlags } from '../cluster/live-review';
import { CATALOGUE } from '../review/catalogue';
import { reviewApps } from '../review/engine';
import { formatAppsJson } from '../review/report/json';
import { formatAppsSarif } from '../review/report/sarif';
import { formatAppsText } from '../review/report/text';

export interface ReviewCommandOptions extends ReviewFlags, LiveReviewFlags, SarifFlags {
  readonly format: 'text' | 'json' | 'sarif';
}

/**
 * `vibe review <paths...>` or `vibe review --live --namespace <ns>`: exit 0 without CRITICAL
 * findings, 1 with, 2 on bad input. Live, a G6 hit also prints a SECURITY INCIDENT block on stderr.
 */
export async function runReview(paths: readonly string[], options: ReviewCommandOptions): Promise<void> {
  // The cluster module (and the Kubernetes client it loads) only when the review is live.
  const live = options.live || options.namespace || options.context || options.kubeconfig ? await import('../cluster/live-review') : undefined;
  live?.checkLiveFlags(paths, options);
  const liveReview = live ? await live.readLiveReview(options, reviewInputsBesideLive(options)) : undefined;
  // A folder of many apps (a GitOps repository) is judged app by app, with one exit code.
  const report = reviewApps(liveReview ? liveReview.inputs : await reviewInputsFromFlags(paths, options));
  const output =
    options.format === 'json' ? formatAppsJson(report) : options.format === 'sarif' ? formatAppsSarif(report, CATALOGUE, packageVersion(), sarifOptions(options)) : formatAppsText(report);
  process.stdout.write(output);
  const incident = report.apps.map((app) => liveReview?.incident(app)).find((text) => text !== undefined);
  if (incident) process.stderr.write(incident);
  process.exitCode = report.passed ? EXIT.ok : EXIT.findings;
}
