import type { CheckExample, CheckExamples } from './example';
import { CHECK_EXAMPLES } from './examples.generated';
import { CHECK_WHY } from './why';
import { distance, VibeInputError } from '../../contract/errors';
import { CATALOGUE } from '../catalogue';
import { CHECK_GROUPS, type Check, type Severity } from '../check';
import { scopeText } from '../check-scope';

/** Everything `vibe explain` (and the MCP `explain` tool) says about one check. */
export interface Explanation {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly severity: Severity;
  readonly group: string;
  /** What the check verifies. */
  readonly purpose: string;
  /** Why it matters, in the creator's words. */
  readonly why: string;
  readonly appliesTo: string;
  readonly fix: string;
  readonly examples: CheckExamples;
}

/** A check by id (`a1`, `A1`) or slug (`pinned-image-tag`); anything else names the nearest. */
export function findCheck(query: string, catalogue: readonly Check[] = CATALOGUE): Check {
  const wanted = query.trim().toLowerCase();
  const found = catalogue.find((c) => c.id.toLowerCase() === wanted || c.slug === wanted);
  if (found) return found;
  const nearest = nearestChecks(wanted, catalogue).map((c) => `${c.id} ${c.slug}`);
  throw VibeInputError.single(
    'check',
    `"${query.slice(0, 60)}" is not a check id or name. Nearest: ${nearest.join(', ')}. Example: vibe explain A1 (vibe checks lists them all).`,
  );
}

/** The three checks whose id or slug is closest to the query (a word of the slug counts as close). */
export function nearestChecks(query: string, catalogue: readonly Check[] = CATALOGUE, count = 3): Check[] {
  const score = (c: Check) => {
    const words = c.slug.split('-');
    const partial = query.length >= 3 && (c.slug.includes(query) || words.some((w) => query.includes(w) && w.length >= 4)) ? -1 : 0;
    return Math.min(distance(query, c.id.toLowerCase()), distance(query, c.slug)) + partial;
  };
  return catalogue
    .map((check, index) => ({ check, index, score: score(check) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, count)
    .map((s) => s.check);
}

export function explain(check: Check): Explanation {
  const examples = CHECK_EXAMPLES[check.id];
  const why = CHECK_WHY[check.id];
  // Tests hold every check to both; a check added without them is a bug, said plainly.
  if (!examples || !why) throw new Error(`check ${check.id} has no ${!why ? 'reason (explain/why.ts)' : 'examples (npm run docs)'}`);
  return {
    id: check.id,
    slug: check.slug,
    title: check.title,
    severity: check.severity,
    group: CHECK_GROUPS[check.group],
    purpose: check.verifies,
    why,
    appliesTo: scopeText(check.scope),
    fix: check.fix,
    examples,
  };
}

/** The explanation for a terminal: sections with headings, examples indented as they are written. */
export function explanationText(e: Explanation): string {
  const lines = [
    `${e.id} ${e.slug}: ${e.title} (${e.severity}, ${e.group})`,
    '',
    'What it checks:',
    indent(e.purpose),
    `Applies to: ${e.appliesTo}.`,
    '',
    'Why it matters:',
    indent(e.why),
    '',
    ...exampleLines('Fails', e.examples.failing),
    ...exampleLines('Passes', e.examples.passing),
    'How to fix:',
    indent(e.fix),
    '',
  ];
  return lines.join('\n');
}

function exampleLines(verdict: string, example: CheckExample): string[] {
  const lines = [`${verdict} (example ${example.fixture}):`];
  for (const file of example.files) {
    if (file.path !== example.fixture) lines.push(`  --- ${file.path}`);
    lines.push(indent(file.text.replace(/\n$/, '')));
  }
  lines.push('');
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
}
