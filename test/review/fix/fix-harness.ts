import type { KeyObject } from 'node:crypto';
import type { ReviewInputs } from '../../../src/review/context';
import type { Finding } from '../../../src/review/finding';
import { planFixes, type FixOptions, type FixPlan } from '../../../src/review/fix';
import { readSealingKeyFile } from '../../../src/seal/certificate';
import { EXAMPLE_CERT } from '../golden-set';

/** What `--fix` did to a set, as the Done-when of the fix asks it. */
export interface FixOutcome {
  readonly plan: FixPlan;
  /** Findings after the fix that no finding before it had (same check, object and file). */
  readonly newFindings: Finding[];
  /** Comment lines of the files before that no file after holds. */
  readonly lostComments: string[];
  /** Files a second `--fix` would change (must be none). */
  readonly secondChanges: string[];
}

export const EXAMPLE_KEY: KeyObject = readSealingKeyFile(EXAMPLE_CERT);

/** The key a finding is compared on: lines move and messages name new values when a fix lands. */
export function findingKey(finding: Finding): string {
  return [finding.id, finding.file ?? '', finding.kind ?? '', finding.name ?? ''].join('\u0000');
}

const commentLines = (text: string | null) => (text ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('#'));

/** Fixes the files, then fixes the result again, and says what changed that should not have. */
export function fixAndCheck(files: FixOptions['files'], review: Omit<ReviewInputs, 'manifests'>, settings: Partial<FixOptions> = {}): FixOutcome {
  const options: FixOptions = { files, review, size: 'md', imageTag: 'a3f91bc', sealingKey: EXAMPLE_KEY, ...settings };
  const plan = planFixes(options);
  const before = new Set(plan.before.apps.flatMap((app) => app.findings).map(findingKey));
  const newFindings = plan.after.apps.flatMap((app) => app.findings).filter((finding) => !before.has(findingKey(finding)));
  const afterFiles = new Map(files.map((file) => [file.path, file.text as string | null]));
  for (const file of plan.files) afterFiles.set(file.path, file.after);
  const kept = new Set([...afterFiles.values()].flatMap(commentLines));
  const lostComments = files.flatMap((file) => commentLines(file.text)).filter((line) => !kept.has(line));
  const second = planFixes({ ...options, files: [...afterFiles].filter(([, text]) => text !== null).map(([path, text]) => ({ path, text: text! })) });
  return { plan, newFindings, lostComments, secondChanges: second.files.map((file) => file.path) };
}
