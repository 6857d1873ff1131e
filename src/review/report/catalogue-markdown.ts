import { CHECK_GROUPS, type Check } from '../check';

/** docs/checks.md, generated from the catalogue (a test fails when the file drifts). */
export function catalogueMarkdown(catalogue: readonly Check[]): string {
  const lines = [
    '# Review gate checks',
    '',
    '<!-- Generated from the catalogue by `vibe checks --format markdown` (npm run docs). Do not edit. -->',
    '',
    `${catalogue.length} checks. CRITICAL findings block deployment (exit code 1); WARNINGs are reported.`,
    '',
  ];
  for (const [group, name] of Object.entries(CHECK_GROUPS)) {
    const checks = catalogue.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    lines.push(`## ${group}: ${name}`, '', '| id | severity | check | what it verifies | how to fix |', '|---|---|---|---|---|');
    for (const c of checks) lines.push(`| ${c.id} | ${c.severity} | ${cell(c.title)} | ${cell(c.verifies)} | ${cell(c.fix)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `vibe checks` in a terminal: one line per check. */
export function catalogueText(catalogue: readonly Check[]): string {
  return catalogue.map((c) => `${c.id.padEnd(3)} ${c.severity.padEnd(8)} ${c.title}`).join('\n') + '\n';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
