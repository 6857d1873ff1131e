/**
 * The issue's env, as a new user wrote it, in each place a value can leak: refused in the
 * answers, failed by E2 (ConfigMap), E5 (plain env value), E3 (Dockerfile ENV/ARG) and G6 (a log
 * line); and the look-alikes pass everywhere.
 */
import { ALNUM, B64, Fakes, ruleSamples } from './fake-credentials';
import { AppModel, VibeInputError } from '../../../src';
import { clusterConfigSchema } from '../../../src/contract/cluster-config';
import { parseManifests } from '../../../src/manifests/parse-manifests';
import { OBSERVABILITY_CHECKS } from '../../../src/review/checks/observability';
import { SECRET_CHECKS } from '../../../src/review/checks/secrets';
import { review } from '../../../src/review/engine';

const f = new Fakes(99);
const samples = ruleSamples(f);
const CREDENTIALS: Record<string, string> = {
  STRIPE_KEY: samples['stripe-access-token'].hit.value,
  OPENAI_KEY: samples['openai-api-key'].hit.value,
  ANTHROPIC_KEY: samples['anthropic-api-key'].hit.value,
  GITHUB_TOKEN_VALUE: samples['github-pat'].hit.value,
  AWS_KEY: samples['aws-access-token'].hit.value,
  DB_PASS: `pg-${f.chars(ALNUM, 10)}`,
  SMTP_PASS: 'Summer2024!',
  ADMIN_PW: 'letmein-now',
  JWT_SIGNING: f.chars(B64, 32),
  SESSION: samples.jwt.hit.value,
  UPSTREAM: `https://bob:${f.chars(ALNUM, 12)}@api.example.com`,
};
const LOOK_ALIKES: Record<string, string> = {
  MONKEY_COUNT: '3',
  KEYBOARD_LAYOUT: 'us',
  CACHE_KEY_PREFIX: 'app:',
  SORT_KEY: 'name',
  TOKEN_TTL_SECONDS: '3600',
  PASSWORD_MIN_LENGTH: '12',
  REQUEST_ID: f.uuid(),
  COMMIT_SHA: f.chars('0123456789abcdef', 40),
  IMAGE_DIGEST: `sha256:${f.chars('0123456789abcdef', 64)}`,
  FEATURES_B64: Buffer.from('{"checkout":true}').toString('base64'),
};
const cluster = clusterConfigSchema.parse({});
const CHECKS = [...SECRET_CHECKS, ...OBSERVABILITY_CHECKS];

function manifests(env: Record<string, string>) {
  const data = Object.entries(env).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n');
  const vars = Object.entries(env).map(([k, v]) => `            - { name: ${k}, value: ${JSON.stringify(v)} }`).join('\n');
  return parseManifests(
    `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: ns }\ndata:\n${data}\n---\n` +
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app, namespace: ns }\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec:\n      containers:\n        - name: app\n          image: app@sha256:${'b'.repeat(64)}\n          env:\n${vars}\n`,
    'app.yaml',
  );
}

function findingsFor(env: Record<string, string>) {
  const report = review(
    {
      manifests: manifests(env),
      cluster,
      dockerfiles: [{ file: 'Dockerfile', text: `FROM node:22\n${Object.entries(env).map(([k, v]) => `ENV ${k}=${JSON.stringify(v)}`).join('\n')}\n` }],
      logs: Object.entries(env).map(([k, v], i) => ({ source: 'app.log', line: i + 1, text: `ERROR config rejected: ${k.toLowerCase()}=${v}` })),
    },
    CHECKS,
  );
  return report.findings;
}

describe('the issue\'s env in the four places', () => {
  it.each(Object.keys(CREDENTIALS))('fails %s in the answers, E2, E5, E3 and G6', (name) => {
    const env = { [name]: CREDENTIALS[name] };
    expect(() => AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, env }, {})).toThrow(VibeInputError);
    const findings = findingsFor(env);
    for (const id of ['E2', 'E5', 'E3', 'G6']) expect([id, findings.filter((x) => x.id === id).length > 0]).toEqual([id, true]);
    expect(findings.filter((x) => x.id === 'E2')[0].message).toContain(name);
  });

  it('passes the look-alikes in the answers, E2, E5, E3 and G6', () => {
    expect(() => AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, env: LOOK_ALIKES }, {})).not.toThrow();
    const findings = findingsFor(LOOK_ALIKES).filter((x) => ['E2', 'E3', 'E5', 'G6'].includes(x.id));
    expect(findings.map((x) => `${x.id}: ${x.message.slice(0, 160)}`)).toEqual([]);
  });
});
