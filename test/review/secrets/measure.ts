/**
 * Recall and false positives of the credential detector on the labelled set: named values through
 * `judgeNamedValue` (the answers, E2, E3, E5), texts through the scanner (E2's file values, G6's logs).
 * Reports kinds and names only, never a value.
 */
import { labelledTexts, labelledValues } from './labelled-set';
import { classifyName } from '../../../src/review/secrets/credential-names';
import { judgeNamedValue } from '../../../src/review/secrets/detector';
import { shannonEntropy, RANDOM_MIN_LENGTH } from '../../../src/review/secrets/entropy';
import { scanTexts } from '../../../src/review/secrets/scanner';

export interface Measurement {
  readonly positives: number;
  readonly detected: number;
  readonly negatives: number;
  readonly falsePositives: number;
  /** `kind NAME` of each credential missed. */
  readonly missed: string[];
  /** `kind NAME` of each look-alike flagged. */
  readonly flagged: string[];
}

function tally(items: readonly { credential: boolean; label: string; found: boolean }[]): Measurement {
  const positives = items.filter((i) => i.credential);
  const negatives = items.filter((i) => !i.credential);
  return {
    positives: positives.length,
    detected: positives.filter((i) => i.found).length,
    negatives: negatives.length,
    falsePositives: negatives.filter((i) => i.found).length,
    missed: positives.filter((i) => !i.found).map((i) => i.label),
    flagged: negatives.filter((i) => i.found).map((i) => i.label),
  };
}

export function measureValues(): Measurement {
  return tally(labelledValues().map((v) => ({ credential: v.credential, label: `${v.kind} ${v.name}`, found: judgeNamedValue(v.name, v.value) !== undefined })));
}

export function measureTexts(secretlint: boolean): Measurement {
  const texts = labelledTexts();
  const hits = scanTexts(texts.map((t, i) => ({ id: String(i), text: t.text })), { secretlint }).filter((h) => h.category === 'credential');
  const found = new Set(hits.map((h) => Number(h.id)));
  return tally(texts.map((t, i) => ({ credential: t.credential, label: t.kind, found: found.has(i) })));
}

/**
 * The entropy threshold's sweep: for values under key-like names in the labelled set, how many
 * credentials and look-alikes of at least RANDOM_MIN_LENGTH characters sit at or above each threshold.
 */
export function entropySweep(thresholds = [2.5, 3, 3.25, 3.5, 3.75, 4, 4.5]): { threshold: number; credentials: number; lookAlikes: number }[] {
  const keyLike = labelledValues().filter((v) => classifyName(v.name) === 'key-like' && v.value.length >= RANDOM_MIN_LENGTH);
  return thresholds.map((threshold) => ({
    threshold,
    credentials: keyLike.filter((v) => v.credential && shannonEntropy(v.value) >= threshold).length,
    lookAlikes: keyLike.filter((v) => !v.credential && shannonEntropy(v.value) >= threshold).length,
  }));
}
