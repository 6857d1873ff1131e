import { EXIT } from './exit';
import { reviewInputsFromFlags, type ReviewFlags } from './review-inputs';
import { VibeInputError } from '../contract/errors';
import { COMMIT_SHA, IMAGE_DIGEST } from '../contract/patterns';
import type { Size } from '../contract/sizes';
import { applyFixes, formatFixDiff, formatFixReport, planFixes, readFixFiles, selectedChecks } from '../review/fix';
import { readSealingKeyFile } from '../seal/certificate';

export interface FixCommandOptions extends ReviewFlags {
  readonly format: 'text' | 'json';
  readonly dryRun?: boolean;
  readonly only?: string;
  readonly size?: Size;
  readonly imageTag?: string;
}

/**
 * `vibe review --fix [paths]`: plans every mechanical fix, writes it (or prints the diff with
 * --dry-run), and reports what was fixed and what is left. Exit 0 when no CRITICAL finding is
 * left, 1 when one is, 2 on bad input (then nothing is written).
 */
export async function runFix(paths: readonly string[], options: FixCommandOptions): Promise<void> {
  // Flags first: a bad one fails before anything is read or sealed.
  const only = options.only === undefined ? undefined : options.only.split(',');
  selectedChecks(only);
  if (options.imageTag !== undefined && !COMMIT_SHA.test(options.imageTag) && !IMAGE_DIGEST.test(options.imageTag)) {
    throw VibeInputError.single('--image-tag', `"${options.imageTag.slice(0, 80)}" is not a commit SHA (7 to 40 lowercase hex characters) or a sha256: digest; a movable tag such as latest is never pinned. Example: --image-tag a3f91bc`);
  }
  const sealingKey = options.cert ? readSealingKeyFile(options.cert, { field: '--cert' }) : undefined;
  const files = readFixFiles(paths);
  const { manifests: _manifests, ...review } = await reviewInputsFromFlags(paths, options);
  const plan = planFixes({
    files,
    review,
    ...(only ? { only } : {}),
    ...(options.size ? { size: options.size } : {}),
    ...(options.imageTag ? { imageTag: options.imageTag } : {}),
    ...(sealingKey ? { sealingKey } : {}),
  });
  if (!options.dryRun) applyFixes(plan);
  if (options.format === 'json') {
    const changed = plan.files.map((file) => ({ path: file.path, change: file.before === null ? 'added' : file.after === null ? 'removed' : 'changed' }));
    const report = { dryRun: Boolean(options.dryRun), passed: plan.after.passed, files: changed, fixed: plan.fixed, remaining: plan.remaining };
    process.stdout.write(`${JSON.stringify({ ...report, ...(options.dryRun ? { diff: formatFixDiff(plan) } : {}) }, null, 2)}\n`);
  } else {
    if (options.dryRun) process.stdout.write(formatFixDiff(plan));
    process.stdout.write(`${options.dryRun && plan.files.length > 0 ? '\n' : ''}${formatFixReport(plan, { dryRun: options.dryRun })}`);
  }
  process.exitCode = plan.after.passed ? EXIT.ok : EXIT.findings;
}
