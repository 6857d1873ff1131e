import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkExamplesSource, EXAMPLES_FILE } from '../../scripts/check-examples';
import { CATALOGUE, checkById } from '../../src/review/catalogue';
import { isInScope } from '../../src/review/check-scope';
import { ReviewContext } from '../../src/review/context';
import type { CheckExample } from '../../src/review/explain/example';
import { CHECK_EXAMPLES } from '../../src/review/explain/examples.generated';
import { explain, findCheck, nearestChecks } from '../../src/review/explain/explain';
import { CHECK_WHY } from '../../src/review/explain/why';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';
import { fixtureInputs } from '../helpers/review-fixture';

/**
 * `vibe explain`: every check has a reason and a failing and a passing example; the examples are
 * the shipped copy of fixtures (no drift) and the check still judges each as its name says.
 */

const dir = tempDir('vibe-explain-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes an example back as a fixture and runs its check on it. */
function verdictsOn(id: string, example: CheckExample) {
  const root = fs.mkdtempSync(path.join(dir, `${id}-`));
  for (const file of example.files) {
    fs.mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
    fs.writeFileSync(path.join(root, file.path), file.text);
  }
  const check = checkById(id)!;
  const context = new ReviewContext(fixtureInputs(path.join(root, example.fixture)));
  const applicable = isInScope(check.scope, context);
  check.prepare?.(context);
  const results = check.run(context);
  return { applicable, failed: results.filter((r) => r.status === 'fail').length, passed: results.filter((r) => r.status === 'pass').length };
}

describe('check explanations', () => {
  it('has a reason and examples for every check of the catalogue, and for nothing else', () => {
    const ids = CATALOGUE.map((c) => c.id).sort();
    expect(Object.keys(CHECK_WHY).sort()).toEqual(ids);
    expect(Object.keys(CHECK_EXAMPLES).sort()).toEqual(ids);
  });

  it('ships the examples as the fixtures hold them (npm run docs regenerates them)', () => {
    expect(fs.readFileSync(EXAMPLES_FILE, 'utf8')).toEqual(checkExamplesSource(CATALOGUE.map((c) => c.id)));
  });

  it.each(CATALOGUE.map((c) => [c.id] as const))('%s: the failing example fails and the passing one passes', (id) => {
    const { failing, passing } = CHECK_EXAMPLES[id];
    expect(failing.fixture).toMatch(/^fail\./);
    expect(passing.fixture).toMatch(/^pass\./);
    const fail = verdictsOn(id, failing);
    expect(fail.applicable).toBe(true);
    expect(fail.failed).toBeGreaterThan(0);
    const pass = verdictsOn(id, passing);
    expect(pass.applicable).toBe(true);
    expect(pass.failed).toBe(0);
    expect(pass.passed).toBeGreaterThan(0);
  });

  it('finds a check by id in any case or by slug', () => {
    expect(findCheck('a3').id).toBe('A3');
    expect(findCheck('run-as-non-root').id).toBe('A3');
    expect(explain(findCheck('S10')).examples.failing.files.map((f) => f.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^fail\.[^/]+\/manifests\.yaml$/)]));
  });

  it('fails on an unknown check with the nearest ones named', () => {
    expect(() => findCheck('run-as-root')).toThrow(/"run-as-root" is not a check id or name\. Nearest: A3 run-as-non-root/);
    expect(nearestChecks('a7').map((c) => c.id)).toEqual(['A1', 'A2', 'A3']);
  });
});

describe('vibe explain', () => {
  it('prints purpose, reason, both examples and the fix', () => {
    const { status, stdout, stderr } = vibe(['explain', 'E1']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const check = checkById('E1')!;
    expect(stdout).toContain('E1 no-plain-secrets: No plain Secrets (CRITICAL, Secrets)');
    expect(stdout).toContain(check.verifies);
    expect(stdout).toContain(CHECK_WHY.E1);
    expect(stdout).toContain(`Fails (example ${CHECK_EXAMPLES.E1.failing.fixture}):`);
    expect(stdout).toContain(`Passes (example ${CHECK_EXAMPLES.E1.passing.fixture}):`);
    expect(stdout).toContain('    kind: Secret');
    expect(stdout).toMatch(new RegExp(`How to fix:\\n    ${check.fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('prints JSON with --format json', () => {
    const { status, stdout } = vibe(['explain', 'pinned-image-tag', '--format', 'json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ id: 'A1', slug: 'pinned-image-tag', severity: 'CRITICAL', group: 'Image', why: CHECK_WHY.A1, fix: checkById('A1')!.fix });
    expect(json.examples.failing.files[0].text).toBe(CHECK_EXAMPLES.A1.failing.files[0].text);
    expect(json.examples.passing.fixture).toBe(CHECK_EXAMPLES.A1.passing.fixture);
  });

  it('fails on an unknown check with exit 2, the nearest ids and no stack trace', () => {
    const { status, stdout, stderr } = vibe(['explain', 'Z9']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^check: "Z9" is not a check id or name\. Nearest: .+\. Example: vibe explain A1/);
    expect(stderr).not.toMatch(STACK_LINE);
  });
});
