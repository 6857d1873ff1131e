import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The third-party test corpus (`shared/corpus`), which is not part of the repository: it sits
 * beside the clone (`<repo>/../shared/corpus`) or wherever VIBE_CORPUS points. A fresh clone has
 * none, and the tests that read it then report themselves skipped with the reason. CI sets
 * VIBE_REQUIRE_CORPUS=1 (.ci/run): there a missing corpus fails the run instead of skipping it.
 */

const REPO = path.resolve(__dirname, '..', '..');

/** The corpus root: VIBE_CORPUS, else `../shared/corpus` beside the repository. */
export const CORPUS_ROOT = process.env.VIBE_CORPUS ? path.resolve(process.env.VIBE_CORPUS) : path.resolve(REPO, '..', 'shared', 'corpus');

/** True when CI demands the corpus (VIBE_REQUIRE_CORPUS=1). */
export const CORPUS_REQUIRED = process.env.VIBE_REQUIRE_CORPUS === '1';

/** Why `<corpus>/<part>` cannot be used, or undefined when it can. */
export function corpusMissing(part = ''): string | undefined {
  const dir = path.join(CORPUS_ROOT, part);
  if (fs.existsSync(dir)) return undefined;
  return `no corpus at ${dir} (the third-party test data lives in ../shared/corpus beside the repository, or set VIBE_CORPUS)`;
}

/**
 * `<corpus>/<part>` when present. When absent: under VIBE_REQUIRE_CORPUS=1 it throws (the test
 * file fails), else it prints the skip reason once for `suite` and returns undefined; the caller
 * then uses `describe.skip`, so jest counts the tests as skipped, never as passed.
 */
export function corpusPath(part: string, suite: string): string | undefined {
  const missing = corpusMissing(part);
  if (!missing) return path.join(CORPUS_ROOT, part);
  if (CORPUS_REQUIRED) throw new Error(`${suite}: VIBE_REQUIRE_CORPUS=1 but ${missing}`);
  process.stderr.write(`${suite}: SKIPPED — ${missing}\n`);
  return undefined;
}

/** `describe` when the corpus part is present, else `describe.skip` (after reporting why). */
export function describeWithCorpus(part: string, suite: string): { dir: string | undefined; describe: jest.Describe } {
  const dir = corpusPath(part, suite);
  return { dir, describe: dir ? describe : describe.skip };
}
