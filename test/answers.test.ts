import { AppModel, VibeInputError } from '../src';

const VALID = { slug: 'inventory-checker', image: { repository: 'inventory-checker-app', tag: 'a3f91bc' } };

function problemsOf(answers: unknown, cluster: unknown = {}): { field: string; message: string }[] {
  try {
    AppModel.resolve(answers, cluster);
  } catch (error) {
    if (error instanceof VibeInputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the answers to be rejected');
}

describe('answers: every rule rejects with the field, the value and an example', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['latest tag', { ...VALID, image: { repository: 'x', tag: 'latest' } }, 'image.tag', /got "latest".*mutable.*Example: tag: a3f91bc/],
    ['LATEST in capitals', { ...VALID, image: { repository: 'x', tag: 'LATEST' } }, 'image.tag', /mutable/],
    ['a moving version tag', { ...VALID, image: { repository: 'x', tag: 'v1.2.0' } }, 'image.tag', /got "v1.2.0".*commit SHA.*sha256/],
    ['a SHA that is too short', { ...VALID, image: { repository: 'x', tag: 'a3f91b' } }, 'image.tag', /commit SHA/],
    ['a registry host in the repository', { ...VALID, image: { repository: 'docker.io/library/app', tag: 'a3f91bc' } }, 'image.repository', /without a host/],
    ['a tag in the repository', { ...VALID, image: { repository: 'app:v1', tag: 'a3f91bc' } }, 'image.repository', /put the tag in image.tag/],
    ['missing image', { slug: 'shop' }, 'image', /required but missing.*Example: image:/],
    ['missing slug', { image: VALID.image }, 'slug', /required but missing/],
    ['slug with capitals', { ...VALID, slug: 'Shop' }, 'slug', /got "Shop".*lowercase/],
    ['slug starting with a digit', { ...VALID, slug: '1shop' }, 'slug', /start with a letter/],
    ['slug ending with a dash', { ...VALID, slug: 'shop-' }, 'slug', /end with a letter or digit/],
    ['slug too long for the derived names', { ...VALID, slug: `s${'a'.repeat(45)}` }, 'slug', /at most 45 characters.*63-character/],
    ['unknown size', { ...VALID, size: 'medium' }, 'size', /got "medium"; allowed values are "xs", "sm", "md", "lg", "xl".*Example: size: md/],
    ['unknown runtime', { ...VALID, runtime: 'ruby' }, 'runtime', /allowed values are "node22"/],
    ['postgres and mongo together', { ...VALID, components: { postgres: true, mongo: true } }, 'components', /cannot both be on/],
    ['a typo in a field name', { ...VALID, compnents: {} }, 'compnents', /unknown field\. Did you mean "components"\?/],
    ['a typo inside components', { ...VALID, components: { postgress: true } }, 'components.postgress', /Did you mean "postgres"/],
    ['bad storage size', { ...VALID, components: { postgres: { storage: '5GB' } } }, 'components.postgres.storage', /Ki, Mi, Gi or Ti/],
    ['a secret-looking env name', { ...VALID, env: { STRIPE_API_KEY: 'sk_live_x' } }, 'env.STRIPE_API_KEY', /looks like a credential.*vibe seal/],
    ['a password in an env URL', { ...VALID, env: { UPSTREAM: 'https://bob:hunter2@api.example.com' } }, 'env.UPSTREAM', /password in a URL \(the value is not shown\).*vibe seal/],
    ['a platform env key', { ...VALID, env: { PORT: '3000' } }, 'env.PORT', /set by the platform/],
    ['an env value that is not text', { ...VALID, env: { RETRIES: 3 } }, 'env.RETRIES', /got 3, expected text/],
    ['a bad ingress host', { ...VALID, ingress: { host: 'not a host' } }, 'ingress.host', /DNS host name/],
    ['a counter without _total', { ...VALID, businessMetrics: [{ name: 'orders', type: 'counter', help: 'Orders' }] }, 'businessMetrics[0].name', /must end in "_total"/],
    ['a metric name with a dash', { ...VALID, businessMetrics: [{ name: 'orders-total', type: 'gauge', help: 'x' }] }, 'businessMetrics[0].name', /Prometheus metric name/],
    ['a name with a newline', { ...VALID, name: 'Shop\nInjected' }, 'name', /one line of text/],
    ['answers that are not a map', 'inventory-checker', '', /expected a map of fields/],
  ];

  it.each(cases)('fails on %s', (_title, answers, field, message) => {
    const problems = problemsOf(answers);
    const problem = problems.find((p) => p.field === field);
    expect(problem).toBeDefined();
    expect(problem?.message).toMatch(message);
  });

  it('fails on cluster config problems with the cluster. prefix', () => {
    const problems = problemsOf(VALID, { registy: 'harbor.example.com', ingressHostPattern: 'apps.example.com' });
    const byField = new Map(problems.map((p) => [p.field, p.message]));
    expect([...byField.keys()].sort()).toEqual(['cluster.ingressHostPattern', 'cluster.registy']);
    expect(byField.get('cluster.registy')).toMatch(/Did you mean "registry"/);
    expect(byField.get('cluster.ingressHostPattern')).toMatch(/must contain \{slug\}/);
  });

  it('fails when a long prefix leaves no room for the slug', () => {
    const problems = problemsOf({ ...VALID, slug: 'a'.repeat(40) }, { prefix: 'a'.repeat(20) });
    expect(problems[0].field).toBe('slug');
    expect(problems[0].message).toMatch(/at most 37 characters/);
  });

  it('reports every problem at once, one line each', () => {
    try {
      AppModel.resolve({ slug: 'Bad', image: { repository: 'x', tag: 'latest' }, size: 'huge' });
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(3);
      return;
    }
    throw new Error('expected a VibeInputError');
  });
});

describe('answers: defaults', () => {
  it('fills the safe defaults', () => {
    const model = AppModel.resolve(VALID);
    expect(model.answers.size).toBe('md');
    expect(model.answers.runtime).toBe('node22');
    expect(model.answers.components).toEqual({ postgres: false, mongo: false, redis: false, rabbitmq: false, nginx: true, mgmtSidecar: false });
    expect(model.answers.ingress).toEqual({ enabled: true, tls: true });
    expect(model.displayName).toBe('Inventory Checker');
    expect(model.namespace).toBe('platform-vibe-inventory-checker');
    expect(model.ingressHost).toBe('platform-inventory-checker.internal.example.com');
    expect(model.appImage).toBe('harbor.internal.example.com/inventory-checker-app:a3f91bc');
  });

  it('derives the cluster defaults from prefix and registry', () => {
    const model = AppModel.resolve(VALID, { prefix: 'acme', registry: 'registry.acme.test' });
    expect(model.cluster.mirrorPrefix).toBe('registry.acme.test/dockerhub-proxy');
    expect(model.cluster.observabilityNamespace).toBe('acme-vibe-observability');
    expect(model.cluster.otelEndpoint).toBe('http://otel-collector.acme-vibe-observability.svc.cluster.local:4317');
    expect(model.namespace).toBe('acme-vibe-inventory-checker');
    expect(model.componentImage('nginx')).toBe('registry.acme.test/dockerhub-proxy/nginx:1.27');
  });

  it('pins a digest with @', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const model = AppModel.resolve({ ...VALID, image: { repository: 'team/app', tag: digest } });
    expect(model.appImage).toBe(`harbor.internal.example.com/team/app@${digest}`);
  });
});
