import * as path from 'node:path';
import { CATALOGUE } from '../../src/review/catalogue';
import { ReviewContext } from '../../src/review/context';
import { fixtureInputs, fixturesOf } from '../helpers/review-fixture';

/**
 * The data-driven test of the catalogue (as Polaris does it): every check has fixtures that must
 * fail and fixtures that must pass under test/checks/<ID>/, and each is run through that check.
 */
describe.each(CATALOGUE.map((check) => [check.id, check] as const))('check %s', (id, check) => {
  const fixtures = fixturesOf(path.join(__dirname, id));

  it('has at least one fixture that must fail and one that must pass', () => {
    expect(fixtures.filter(([expected]) => expected === 'fail').length).toBeGreaterThan(0);
    expect(fixtures.filter(([expected]) => expected === 'pass').length).toBeGreaterThan(0);
  });

  it.each(fixtures.map(([expected, file]) => [path.basename(file), expected, file] as const))('%s: %s', (_name, expected, file) => {
    const results = check.run(new ReviewContext(fixtureInputs(file)));
    const failures = results.filter((r) => r.status === 'fail');
    if (expected === 'fail') {
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expect(failure.message).toMatch(/\S/);
    } else {
      expect(failures.map((f) => f.message)).toEqual([]);
    }
  });
});
