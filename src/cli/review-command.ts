import { CATALOGUE } from '../review/catalogue';
import { review } from '../review/engine';
import { formatJson } from '../review/report/json';
import { formatSarif } from '../review/report/sarif';
import { formatText } from '../review/report/text';
import { EXIT } from './exit';
import { packageVersion } from './package-version';
import { reviewInputsFromFlags, type ReviewFlags } from './review-inputs';

export interface ReviewCommandOptions extends ReviewFlags {
  readonly format: 'text' | 'json' | 'sarif';
}

/** `vibe review <paths...>`: exit 0 without CRITICAL findings, 1 with, 2 on bad input. */
export async function runReview(paths: readonly string[], options: ReviewCommandOptions): Promise<void> {
  const report = review(await reviewInputsFromFlags(paths, options));
  const output =
    options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report, CATALOGUE, packageVersion()) : formatText(report);
  process.stdout.write(output);
  process.exitCode = report.passed ? EXIT.ok : EXIT.findings;
}
