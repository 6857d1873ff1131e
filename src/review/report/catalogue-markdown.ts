import { MECHANICAL_FIXES } from '../catalogue';
import { CHECK_GROUPS, type Check } from '../check';
import { checkAnchor } from '../check-docs';
import { scopeText } from '../check-scope';

/** docs/checks.md, generated from the catalogue (a test fails when the file drifts). */
export function catalogueMarkdown(catalogue: readonly Check[]): string {
  const lines = [
    '# Review gate checks',
    '',
    '<!-- Generated from the catalogue by `vibe checks --format markdown` (npm run docs). Do not edit. -->',
    '',
    `${catalogue.length} checks. CRITICAL findings block deployment (exit code 1); WARNINGs are reported.`,
    '',
    synthGateText(catalogue),
    '',
    'A check with nothing in its scope ("applies to") is reported as not applicable instead of passing.',
    '',
    fixText(catalogue),
    '',
  ];
  for (const [group, name] of Object.entries(CHECK_GROUPS)) {
    const checks = catalogue.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    lines.push(`## ${group}: ${name}`, '', '| id | name | severity | check | applies to | what it verifies | how to fix | vibe review --fix |', '|---|---|---|---|---|---|---|---|');
    for (const c of checks) {
      // The anchor is what SARIF rule help links to (check-docs.ts).
      lines.push(`| <a id="${checkAnchor(c)}"></a>${c.id} | ${c.slug} | ${c.severity} | ${cell(c.title)} | ${cell(scopeText(c.scope))} | ${cell(c.verifies)} | ${cell(c.fix)} | ${cell(MECHANICAL_FIXES[c.id] ?? '—')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** `vibe checks` in a terminal: one line per check, `A3  run-as-non-root  CRITICAL  Pod runs as non-root`. */
export function catalogueText(catalogue: readonly Check[]): string {
  const width = Math.max(...catalogue.map((c) => c.slug.length));
  return catalogue.map((c) => `${c.id.padEnd(3)} ${c.slug.padEnd(width)}  ${c.severity.padEnd(8)} ${c.title}`).join('\n') + '\n';
}

/** Which CRITICAL findings stop synth, from each manifest check's `blocksSynth`. */
function synthGateText(catalogue: readonly Check[]): string {
  const exempt = catalogue.filter((c) => (c.input ?? 'manifests') === 'manifests' && c.blocksSynth === false).map((c) => `${c.id} ${c.slug}`);
  const base = 'A CRITICAL finding of a manifest check also stops `vibe synth` before anything is written';
  return exempt.length === 0 ? `${base}.` : `${base}, except ${exempt.join(', ')} (reported as a notice).`;
}

/** How many checks `vibe review --fix` fixes mechanically. */
function fixText(catalogue: readonly Check[]): string {
  const fixable = catalogue.filter((c) => Object.hasOwn(MECHANICAL_FIXES, c.id)).length;
  return (
    `\`vibe review --fix\` fixes the findings of ${fixable} of the ${catalogue.length} checks mechanically, with values the contract, the set or a flag gives ` +
    '(`--image-tag`, `--size`, `--cert`); the others are the creator\'s to fix (last column: —).'
  );
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
