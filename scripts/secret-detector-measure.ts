/**
 * Prints the credential detector's recall and false positives on the labelled set
 * (test/review/secrets/labelled-set.ts), and the entropy threshold's sweep. Never prints a value.
 *
 *   npx tsc --build && npx ts-node --swc scripts/secret-detector-measure.ts
 */
import { entropySweep, measureTexts, measureValues, type Measurement } from '../test/review/secrets/measure';

function line(label: string, m: Measurement): string {
  const recall = m.positives ? ((100 * m.detected) / m.positives).toFixed(1) : '-';
  return `${label}: recall ${m.detected}/${m.positives} (${recall}%), false positives ${m.falsePositives}/${m.negatives}` +
    (m.missed.length ? `\n  missed: ${m.missed.join('; ')}` : '') + (m.flagged.length ? `\n  flagged: ${m.flagged.join('; ')}` : '');
}

process.stdout.write(`${line('named values (answers env, E2, E3, E5)', measureValues())}\n`);
process.stdout.write(`${line('texts, built-in rules only', measureTexts(false))}\n`);
process.stdout.write(`${line('texts, built-in rules + secretlint (E2 files, G6 logs)', measureTexts(true))}\n`);
process.stdout.write('entropy sweep, values of 16+ characters under key-like names (threshold: credentials / look-alikes at or above):\n');
for (const row of entropySweep()) process.stdout.write(`  ${row.threshold.toFixed(2)}: ${row.credentials} / ${row.lookAlikes}\n`);
