/**
 * Writes src/review/explain/examples.generated.ts: for every check, a failing and a passing
 * example taken from its fixtures under test/checks/<ID>/ (the package ships only what runs, so
 * `vibe explain` reads this copy). The smallest single-file fixture of each kind is taken, a
 * folder only when the check has no single-file one. A test fails when the copy drifts from the
 * fixtures; `npm run docs` regenerates it.
 *
 *   npx ts-node --swc scripts/check-examples.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckExample, CheckExamples, ExampleFile } from '../src/review/explain/example';

export const CHECKS_DIR = path.join(__dirname, '..', 'test', 'checks');
export const EXAMPLES_FILE = path.join(__dirname, '..', 'src', 'review', 'explain', 'examples.generated.ts');

/** The generated module's text, from the fixtures of the given check ids. */
export function checkExamplesSource(ids: readonly string[], checksDir: string = CHECKS_DIR): string {
  const examples: Record<string, CheckExamples> = {};
  for (const id of ids) {
    const failing = pick(path.join(checksDir, id), 'fail');
    const passing = pick(path.join(checksDir, id), 'pass');
    if (failing && passing) examples[id] = { failing, passing };
  }
  return [
    '// Generated from the fixtures under test/checks/ by scripts/check-examples.ts (npm run docs). Do not edit.',
    "import type { CheckExamples } from './example';",
    '',
    '/** A failing and a passing example of each check, by id. */',
    `export const CHECK_EXAMPLES: Readonly<Record<string, CheckExamples>> = ${JSON.stringify(examples, null, 2)};`,
    '',
  ].join('\n');
}

function pick(dir: string, kind: 'fail' | 'pass'): CheckExample | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const candidates = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${kind}.`))
    .map((name) => ({ name, files: filesOf(dir, name) }))
    .map((c) => ({ ...c, single: c.files.length === 1 && c.files[0].path === c.name, size: c.files.reduce((n, f) => n + f.text.length, 0) }))
    // Single files first (easier to read), then the smallest, then by name for a stable choice.
    .sort((a, b) => Number(b.single) - Number(a.single) || a.size - b.size || a.name.localeCompare(b.name));
  const best = candidates[0];
  return best ? { fixture: best.name, files: best.files } : undefined;
}

function filesOf(dir: string, name: string): ExampleFile[] {
  const full = path.join(dir, name);
  if (!fs.statSync(full).isDirectory()) return [{ path: name, text: fs.readFileSync(full, 'utf8') }];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesOf(dir, path.posix.join(name, entry.name)));
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CATALOGUE } = require('../src/review/catalogue') as typeof import('../src/review/catalogue');
  fs.writeFileSync(EXAMPLES_FILE, checkExamplesSource(CATALOGUE.map((c) => c.id)));
  process.stdout.write(`wrote ${path.relative(process.cwd(), EXAMPLES_FILE)}\n`);
}
