import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAndCheck } from './fix-harness';
import { CATALOGUE, MECHANICAL_FIXES } from '../../../src/review/catalogue';
import { FIXERS } from '../../../src/review/fix/fixers';
import { fixtureInputs, fixturesOf } from '../../helpers/review-fixture';

/**
 * `vibe review --fix` over the check fixtures: for every fail fixture of a check with a mechanical
 * fix, the fix makes the check pass, adds no finding, keeps every comment line, and a second fix
 * changes nothing. The fixtures whose failure no manifest edit can fix are listed with the reason.
 */

const CHECKS_DIR = path.join(__dirname, '..', '..', 'checks');

/** Fail fixtures of mechanical checks that the fix leaves, and why (none of them is a manifest value). */
const NOT_MECHANICAL: Readonly<Record<string, string>> = {
  'A1/fail.untagged-from.Dockerfile': 'a Dockerfile FROM: the fix edits manifests only',
  'A5/fail.from-docker-hub.Dockerfile': 'a Dockerfile FROM: the fix edits manifests only',
  'A6/fail.from-outside.Dockerfile': 'a Dockerfile FROM: the fix edits manifests only',
  'A6/fail.other-registry-through-docker-hub-mirror.Dockerfile': 'a Dockerfile FROM: the fix edits manifests only',
};

function yamlFiles(fixture: string): { path: string; text: string }[] {
  const files = fs.statSync(fixture).isDirectory() ? walk(fixture) : [fixture];
  return files.filter((file) => /\.ya?ml$/.test(file) && path.basename(file) !== 'cluster.yaml').map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8') }));
}

function walk(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

const cases = CATALOGUE.filter((check) => Object.hasOwn(MECHANICAL_FIXES, check.id)).flatMap((check) =>
  fixturesOf(path.join(CHECKS_DIR, check.id))
    .filter(([kind]) => kind === 'fail')
    .map(([, file]) => [`${check.id}/${path.basename(file)}`, check.id, file] as const),
);

describe('the mechanical fixes', () => {
  it('are declared in the catalogue exactly for the checks that have a fixer', () => {
    expect([...FIXERS.keys()].sort()).toEqual(Object.keys(MECHANICAL_FIXES).sort());
    for (const id of Object.keys(MECHANICAL_FIXES)) expect(CATALOGUE.some((check) => check.id === id)).toBe(true);
  });
});

describe.each(cases)('vibe review --fix on %s', (name, id, fixture) => {
  const { manifests: _manifests, ...review } = fixtureInputs(fixture);
  const files = yamlFiles(fixture);
  const reason = NOT_MECHANICAL[name];

  (reason ? it.skip : it)(`fixes ${id}, adds no finding, keeps comments, and a second fix is a no-op${reason ? ` (skipped: ${reason})` : ''}`, () => {
    const outcome = fixAndCheck(files, review);
    expect(outcome.plan.before.apps.flatMap((app) => app.findings).some((f) => f.id === id)).toBe(true);
    const { newFindings, lostComments, secondChanges } = outcome;
    expect({ left: outcome.plan.remaining.filter((f) => f.id === id), newFindings, lostComments, secondChanges }).toEqual({
      left: [],
      newFindings: [],
      lostComments: [],
      secondChanges: [],
    });
  });
});
