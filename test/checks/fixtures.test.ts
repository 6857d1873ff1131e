import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CATALOGUE, checkById } from '../../src/review/catalogue';
import type { Check, CheckResult } from '../../src/review/check';
import { isInScope } from '../../src/review/check-scope';
import { ReviewContext } from '../../src/review/context';
import { catalogueMarkdown, catalogueText } from '../../src/review/report/catalogue-markdown';
import { formatSarif } from '../../src/review/report/sarif';
import { MANIFEST_CHECKS } from '../../src/review/synth-gate';
import { EXPECTATIONS_FILE, expectationProblems, readExpectations, type FixtureExpectation } from '../helpers/fixture-expectations';
import { fixtureInputs, fixturesOf } from '../helpers/review-fixture';

/**
 * The data-driven test of the catalogue (as Polaris does it): every check has fixtures under
 * test/checks/<ID>/ that must fail, must pass or are out of its scope, and each states in the
 * folder's expected.yaml what the check must conclude on it (object, line, message, count).
 */
function verdicts(check: Check, fixture: string): { results: CheckResult[]; applicable: boolean } {
  const context = new ReviewContext(fixtureInputs(fixture));
  const applicable = isInScope(check.scope, context);
  // Run even out of scope: a verdict there means the scope is wrong (the engine would skip it).
  return { results: check.run(context), applicable };
}

describe.each(CATALOGUE.map((check) => [check.id, check] as const))('check %s', (id, check) => {
  const dir = path.join(__dirname, id);
  const fixtures = fixturesOf(dir);
  const expectations = readExpectations(dir);

  it('has at least one fixture that must fail and one that must pass', () => {
    expect(fixtures.filter(([kind]) => kind === 'fail').length).toBeGreaterThan(0);
    expect(fixtures.filter(([kind]) => kind === 'pass').length).toBeGreaterThan(0);
  });

  it(`states an expectation for each fixture, and only for fixtures (${EXPECTATIONS_FILE})`, () => {
    expect(Object.keys(expectations).sort()).toEqual(fixtures.map(([, file]) => path.basename(file)).sort());
  });

  it.each(fixtures.map(([kind, file]) => [path.basename(file), kind, file] as const))('%s: %s', (name, _kind, file) => {
    const { results, applicable } = verdicts(check, file);
    expect(expectationProblems(check, file, expectations[name], results, applicable)).toEqual([]);
  });
});

describe('the fixture meta-test', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-fixture-meta-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (id: string, name: string, yaml: string, expectation: FixtureExpectation | undefined) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, yaml);
    const check = checkById(id)!;
    const { results, applicable } = verdicts(check, file);
    return expectationProblems(check, file, expectation, results, applicable);
  };
  // N1's pass.external-name.yaml as it was: an ExternalName Service alone, which N1 does not judge.
  const externalNameOnly = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: payments\n  namespace: shop\nspec:\n  type: ExternalName\n  externalName: payments.example.com\n';
  // B1's pass.no-app-workload.yaml as it was, cut short: no app workload at all.
  const databaseOnly =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/component: database\n' +
    '    spec:\n      containers:\n      - name: postgres\n        image: postgres:16\n';

  it('fails a vacuous pass fixture: one the check applies to but gives no verdict', () => {
    expect(problemsOf('N1', 'pass.external-name.yaml', externalNameOnly, { pass: 0 })).toEqual([
      'pass.external-name.yaml is a pass fixture but produced no pass verdict: it exercises nothing',
    ]);
    expect(problemsOf('N1', 'pass.external-name.yaml', externalNameOnly, { pass: 1 })).toContain('pass.external-name.yaml: expected 1 pass verdict(s), got 0');
  });

  it('fails a pass fixture with nothing in the check\'s scope, and accepts it as an na. fixture', () => {
    expect(problemsOf('B1', 'pass.no-app-workload.yaml', databaseOnly, { pass: 0 })).toEqual([
      "pass.no-app-workload.yaml holds nothing in B1's scope: the check is not applicable (name it na.…)",
      'pass.no-app-workload.yaml is a pass fixture but produced no pass verdict: it exercises nothing',
    ]);
    expect(problemsOf('B1', 'na.no-app-workload.yaml', databaseOnly, { notApplicable: true })).toEqual([]);
  });

  it('fails an na. fixture the check applies to', () => {
    const problems = problemsOf('N1', 'na.external-name.yaml', externalNameOnly, { notApplicable: true });
    expect(problems).toEqual(["na.external-name.yaml holds something in N1's scope, so the check applies"]);
  });

  it('fails a fail fixture on the wrong message, line, object or count, and on an unlisted failure', () => {
    const noDeny = fs.readFileSync(path.join(__dirname, 'C1', 'fail.no-policies.yaml'), 'utf8');
    const right = readExpectations(path.join(__dirname, 'C1'))['fail.no-policies.yaml'];
    const [failure] = right.fail!;
    expect(problemsOf('C1', 'fail.no-policies.yaml', noDeny, right)).toEqual([]);
    for (const wrong of [{ ...failure, message: 'no such words' }, { ...failure, line: (failure.line ?? 0) + 1 }, { ...failure, object: 'Deployment/other' }, { ...failure, count: 2 }]) {
      expect(problemsOf('C1', 'fail.no-policies.yaml', noDeny, { ...right, fail: [wrong] })).toEqual([expect.stringMatching(/expected \d failure\(s\).*found [01]/), ...(wrong.count ? [] : [expect.stringMatching(/unexpected failure/)])]);
    }
    expect(problemsOf('C1', 'fail.no-policies.yaml', noDeny, { fail: [] })).toEqual([
      'fail.no-policies.yaml is a fail fixture but lists no failure',
      expect.stringMatching(/unexpected failure .*no NetworkPolicy at all/),
    ]);
  });

  it('fails a fixture that states nothing', () => {
    expect(problemsOf('N1', 'pass.external-name.yaml', externalNameOnly, undefined)).toEqual([`N1/pass.external-name.yaml states no expectation in ${EXPECTATIONS_FILE}`]);
  });
});

describe('check scopes are truthful', () => {
  // Every check on every fixture of every check: out of its scope, a check has nothing to say.
  const all = CATALOGUE.flatMap((check) => fixturesOf(path.join(__dirname, check.id)).map(([, file]) => file));
  it.each(all.map((file) => [path.relative(__dirname, file), file] as const))('%s', (_name, file) => {
    const context = new ReviewContext(fixtureInputs(file));
    const spoken = CATALOGUE.filter((check) => !isInScope(check.scope, context)).filter((check) => {
      return check.run(context).length > 0;
    });
    expect(spoken.map((check) => check.id)).toEqual([]);
  });
});

describe('catalogue metadata', () => {
  it('gives every check a unique kebab-case slug', () => {
    const slugs = CATALOGUE.map((check) => check.slug);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('shows the slug beside the id in vibe checks, docs/checks.md and the SARIF rule name', () => {
    expect(catalogueText(CATALOGUE).split('\n')[2]).toMatch(/^A3 +run-as-non-root +CRITICAL Pod runs as non-root$/);
    expect(catalogueMarkdown(CATALOGUE)).toContain('| <a id="a3-run-as-non-root"></a>A3 | run-as-non-root | CRITICAL | Pod runs as non-root | workloads |');
    const rules = JSON.parse(formatSarif({ app: 'x', passed: true, findings: [], summary: [] }, CATALOGUE, '0.0.0')).runs[0].tool.driver.rules;
    expect(rules.map((rule: { id: string; name: string }) => `${rule.id} ${rule.name}`)).toEqual(CATALOGUE.map((check) => `${check.id} ${check.slug}`));
  });

  it('lets only E4 of the manifest checks through synth (blocksSynth: false)', () => {
    expect(MANIFEST_CHECKS.filter((check) => check.blocksSynth === false).map((check) => check.id)).toEqual(['E4']);
  });
});
