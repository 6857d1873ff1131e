import { EXIT } from './exit';
import { reviewInputsBesideLive, reviewInputsFromFlags, type ReviewFlags } from './review-inputs';
import { reviewFails, reviewStdout, reviewVerboseLines, type ReviewOutputFlags } from './review-output';
import type { LiveReviewFlags } from '../cluster/live-review';
import { reviewApps } from '../review/engine';

export interface ReviewCommandOptions extends ReviewFlags, LiveReviewFlags, ReviewOutputFlags {}

/**
 * `vibe review <paths...>` or `vibe review --live --namespace <ns>`: exit 0 without CRITICAL
 * findings, 1 with, 2 on bad input. Live, a G6 hit also prints a SECURITY INCIDENT block on stderr.
 */
export async function runReview(paths: readonly string[], options: ReviewCommandOptions): Promise<void> {
  // The cluster module (and the Kubernetes client it loads) only when the review is live.
  const live = options.live || options.namespace || options.context || options.kubeconfig ? await import('../cluster/live-review') : undefined;
  live?.checkLiveFlags(paths, options);
  const beside = live ? reviewInputsBesideLive(options) : undefined;
  const liveReview = live && beside ? await live.readLiveReview(options, beside) : undefined;
  const inputs = liveReview && beside ? { ...liveReview.inputs, clusterSource: beside.clusterSource } : await reviewInputsFromFlags(paths, options);
  // A folder of many apps (a GitOps repository) is judged app by app, with one exit code.
  const report = reviewApps(inputs);
  process.stdout.write(reviewStdout(report, inputs.clusterSource, options));
  if (options.verbose && !options.quiet) process.stderr.write(reviewVerboseLines(report, inputs.clusterSource));
  const incident = report.apps.map((app) => liveReview?.incident(app)).find((text) => text !== undefined);
  if (incident) process.stderr.write(incident);
  process.exitCode = reviewFails(report, options.failOn) ? EXIT.findings : EXIT.ok;
}
