import { EXIT } from './exit';
import { packageVersion } from './package-version';
import { reviewInputsBesideLive, reviewInputsFromFlags, type ReviewFlags } from './review-inputs';
import type { LiveReviewFlags } from '../cluster/live-review';
import { CATALOGUE } from '../review/catalogue';
import { review } from '../review/engine';
import { formatJson } from '../review/report/json';
import { formatSarif } from '../review/report/sarif';
import { formatText } from '../review/report/text';

export interface ReviewCommandOptions extends ReviewFlags, LiveReviewFlags {
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
  const report = review(liveReview ? liveReview.inputs : await reviewInputsFromFlags(paths, options));
  const output =
    options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report, CATALOGUE, packageVersion()) : formatText(report);
  process.stdout.write(output);
  const incident = liveReview?.incident(report);
  if (incident) process.stderr.write(incident);
  process.exitCode = report.passed ? EXIT.ok : EXIT.findings;
}
