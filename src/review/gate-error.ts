import type { ReviewReport } from './finding';
import { formatText } from './report/text';

/**
 * Refusal to write a set with a CRITICAL finding (other than unsealed credentials). Its message
 * is the same report `vibe review` prints.
 */
export class ReviewGateError extends Error {
  constructor(public readonly report: ReviewReport) {
    super(formatText(report).trimEnd());
    this.name = 'ReviewGateError';
  }
}
