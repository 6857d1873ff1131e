import { ALNUM, Fakes, ruleSamples } from './fake-credentials';
import { VibeInputError } from '../../../src/contract/errors';
import { loadAppSource } from '../../../src/inputs/load-input';
import { YamlSource } from '../../../src/inputs/yaml-source';

const f = new Fakes(5);
const password = `pg-${f.chars(ALNUM, 14)}`;
const stripe = ruleSamples(f)['stripe-access-token'].hit.value;

function problemsOf(text: string) {
  try {
    loadAppSource(YamlSource.parse(text, 'values.yaml'));
  } catch (error) {
    if (error instanceof VibeInputError) return { problems: error.problems, message: error.message };
    throw error;
  }
  return { problems: [], message: '' };
}

const APP = 'app:\n  slug: shop\n  image: { repository: shop-app, tag: a3f91bc }\n';

describe('credentials in a Helm values file', () => {
  it('fails postgres.auth.password with its line, tells to rotate it, and never shows it', () => {
    const { problems, message } = problemsOf(`${APP}postgres:\n  enabled: true\n  auth:\n    username: shop\n    database: shop\n    password: ${password}\n`);
    expect(problems.map((p) => [p.field, p.location])).toEqual([['postgres.auth.password', 'values.yaml:9']]);
    expect(message).toMatch(/in git.*rotate/);
    expect(message).not.toContain(password);
  });

  it('fails a value the detector recognises under any key', () => {
    const { problems, message } = problemsOf(`${APP}mongo:\n  enabled: true\n  auth:\n    rootPassword: ${password}\n    apiToken: ${stripe}\n`);
    expect(problems.map((p) => p.field).sort()).toEqual(['mongo.auth.apiToken', 'mongo.auth.rootPassword']);
    expect(message).toContain('Stripe secret key');
    expect(message).not.toContain(stripe);
  });

  it('passes the chart\'s settings under auth (user, database, existingSecret)', () => {
    const { problems } = problemsOf(`${APP}postgres:\n  enabled: true\n  auth:\n    username: shop\n    database: shop\n    existingSecret: shop-db\n`);
    expect(problems).toEqual([]);
  });
});
