import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VibeAppProps } from '../../src';
import { clusterConfigSchema, type ClusterConfigInput } from '../../src/contract/cluster-config';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import { parseManifests } from '../../src/manifests/parse-manifests';
import type { CheckResult } from '../../src/review/check';
import { NETWORK_CHECKS } from '../../src/review/checks/networking';
import { ReviewContext } from '../../src/review/context';
import { review } from '../../src/review/engine';
import { describeWithCorpus } from '../helpers/corpus';
import { manifestsOf, render } from '../helpers/render';
import { fixtureInputs } from '../helpers/review-fixture';

const IDS = NETWORK_CHECKS.map((c) => c.id);
const cluster = clusterConfigSchema.parse({});

function contextOf(manifests: readonly ManifestObject[], clusterInput: ClusterConfigInput = {}): ReviewContext {
  return new ReviewContext({ manifests, cluster: clusterConfigSchema.parse(clusterInput) });
}

/** Every verdict of group C, by check id. */
function verdicts(context: ReviewContext): Record<string, CheckResult[]> {
  return Object.fromEntries(NETWORK_CHECKS.map((check) => [check.id, check.run(context)]));
}

function failures(context: ReviewContext): string[] {
  return NETWORK_CHECKS.flatMap((check) => check.run(context).filter((r) => r.status === 'fail').map((r) => `[${check.id}] ${r.message}`));
}

function failedIds(context: ReviewContext): string[] {
  return [...new Set(NETWORK_CHECKS.filter((check) => check.run(context).some((r) => r.status === 'fail')).map((c) => c.id))];
}

/** A YAML text of objects as one manifest set. */
function setOf(yaml: string, file = 'set.yaml'): ReviewContext {
  return contextOf(parseManifests(yaml, file));
}

// ---------------------------------------------------------------------------------------------
// Our own output, every component combination

interface Combination {
  readonly database: 'postgres' | 'mongo' | 'none';
  readonly redis: boolean;
  readonly rabbitmq: boolean;
  readonly nginx: boolean;
  readonly ingress: boolean;
  readonly restricted: boolean;
}

const COMBINATIONS: Combination[] = [];
for (const database of ['postgres', 'mongo', 'none'] as const) {
  for (const redis of [false, true]) {
    for (const rabbitmq of [false, true]) {
      for (const nginx of [false, true]) {
        for (const ingress of [false, true]) {
          for (const restricted of [false, true]) COMBINATIONS.push({ database, redis, rabbitmq, nginx, ingress, restricted });
        }
      }
    }
  }
}

function answersOf(c: Combination, extra: Partial<VibeAppProps> = {}): VibeAppProps {
  return {
    slug: 'shop',
    image: { repository: 'shop-app', tag: 'a3f91bc' },
    components: { postgres: c.database === 'postgres', mongo: c.database === 'mongo', redis: c.redis, rabbitmq: c.rabbitmq, nginx: c.nginx },
    ingress: { enabled: c.ingress },
    ...(c.restricted ? { network: { egress: 'restricted' as const, allowEgressTo: [{ cidr: '198.51.100.0/24', ports: [443], purpose: 'payments-api' }] } } : {}),
    ...extra,
  };
}

const title = (c: Combination) =>
  [c.database, c.redis && 'redis', c.rabbitmq && 'rabbitmq', c.nginx ? 'nginx' : 'no nginx', c.ingress ? 'ingress' : 'no ingress', c.restricted ? 'egress restricted' : 'egress open']
    .filter(Boolean)
    .join(', ');

describe.each(COMBINATIONS.map((c) => [title(c), c] as const))('our output (%s)', (_title, combination) => {
  const manifests = manifestsOf(render(answersOf(combination)));
  const context = contextOf(manifests);
  const results = verdicts(context);

  it('passes C1–C8', () => {
    expect(failures(context)).toEqual([]);
  });

  it('is judged, not skipped: each check that applies says pass on the objects it is about', () => {
    const passedOn = (id: string) => results[id].filter((r) => r.status === 'pass').map((r) => `${r.object?.kind}/${r.object?.name}`);
    const workloads = manifests.filter((m) => m.kind === 'Deployment').map((m) => `Deployment/${m.name}`);
    expect(passedOn('C1')).toEqual(['NetworkPolicy/default-deny-ingress']);
    expect(passedOn('C2')).toEqual(combination.ingress ? ['Ingress/shop'] : []);
    const scraped = ['shop-app', combination.database === 'postgres' && 'shop-postgres-exporter', combination.database === 'mongo' && 'shop-mongodb-exporter', combination.redis && 'shop-redis-exporter', combination.rabbitmq && 'shop-rabbitmq'];
    expect(passedOn('C3').sort()).toEqual(scraped.filter(Boolean).map((n) => `Deployment/${n}`).sort());
    expect(passedOn('C4')).toEqual(combination.database === 'none' ? [] : [`Deployment/shop-${combination.database}`]);
    expect(passedOn('C5')).toEqual(combination.redis ? ['Deployment/shop-redis'] : []);
    expect(passedOn('C6')).toEqual(combination.rabbitmq ? ['Deployment/shop-rabbitmq'] : []);
    expect(passedOn('C7').sort()).toEqual([...workloads].sort());
    expect(passedOn('C8')).toEqual(manifests.filter((m) => m.kind === 'NetworkPolicy').map((m) => `NetworkPolicy/${m.name}`));
  });
});

describe('our output with the optional extras', () => {
  it.each([
    ['the mgmt sidecar behind nginx', { nginx: true, mgmtSidecar: true }],
    ['the mgmt sidecar without nginx', { nginx: false, mgmtSidecar: true }],
    ['redis persistence and the SPA fallback', { redis: { persistence: true }, nginx: { spaFallback: true } }],
  ])('passes C1–C8 with %s', (_title, components) => {
    const answers = answersOf({ database: 'postgres', redis: true, rabbitmq: true, nginx: true, ingress: true, restricted: true });
    const manifests = manifestsOf(render({ ...answers, components: { ...answers.components, ...components } }));
    expect(failures(contextOf(manifests))).toEqual([]);
  });
});

describe("our output with a platform's own cluster config", () => {
  const clusterInput: ClusterConfigInput = {
    prefix: 'acme',
    observabilityNamespace: 'monitoring',
    ingressClassName: 'haproxy',
    ingressController: { namespace: 'ingress', podLabels: { 'app.kubernetes.io/name': 'haproxy-ingress' } },
  };

  it('passes C1–C8 when the review knows the same cluster', () => {
    const manifests = manifestsOf(render({ ...answersOf({ database: 'postgres', redis: true, rabbitmq: true, nginx: true, ingress: true, restricted: false }), cluster: clusterInput }));
    expect(failures(contextOf(manifests, clusterInput))).toEqual([]);
  });

  it('fails C2 and C3 when reviewed against the default cluster: its policies name another controller and scraper', () => {
    const manifests = manifestsOf(render({ ...answersOf({ database: 'none', redis: false, rabbitmq: false, nginx: true, ingress: true, restricted: false }), cluster: clusterInput }));
    expect(failedIds(contextOf(manifests))).toEqual(['C2', 'C3']);
  });
});

// ---------------------------------------------------------------------------------------------
// Each allow of our output is needed, and caught by the check that owns its flow

describe('our output with one allow removed', () => {
  const FULL: Combination = { database: 'postgres', redis: true, rabbitmq: true, nginx: true, ingress: true, restricted: false };
  const manifests = manifestsOf(render(answersOf(FULL)));
  const without = (name: string) => contextOf(manifests.filter((m) => !(m.kind === 'NetworkPolicy' && m.name === name)));

  it.each([
    ['default-deny-ingress', 'C1'],
    ['allow-ingress-controller', 'C2'],
    ['allow-nginx-to-app', 'C2'],
    ['allow-metrics-scrape-app', 'C3'],
    ['allow-metrics-scrape-postgres-exporter', 'C3'],
    ['allow-metrics-scrape-redis-exporter', 'C3'],
    ['allow-metrics-scrape-rabbitmq', 'C3'],
    ['allow-app-to-postgres', 'C4'],
    ['allow-app-to-redis', 'C5'],
    ['allow-app-to-rabbitmq', 'C6'],
  ])('fails when %s is missing (%s)', (name, id) => {
    expect(manifests.some((m) => m.kind === 'NetworkPolicy' && m.name === name)).toBe(true);
    expect(failedIds(without(name))).toContain(id);
  });

  it('says so in the words of the brief when the deny is missing', () => {
    const c1 = NETWORK_CHECKS[0].run(without('default-deny-ingress'));
    expect(c1).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: 'no default-deny-ingress NetworkPolicy in 01-network-policies.yaml — add one with podSelector: {} and policyTypes: [Ingress] so unknown traffic is dropped',
        object: expect.objectContaining({ kind: 'Namespace', name: 'platform-vibe-shop' }),
      }),
    ]);
  });

  it('names the controller, the Service, the port and the allow to add when Traefik is shut out', () => {
    const c2 = NETWORK_CHECKS[1].run(without('allow-ingress-controller')).filter((r) => r.status === 'fail');
    expect(c2.map((r) => r.message)).toEqual([
      'Traefik (kube-system) cannot reach Service shop-nginx port 8080 — add an allow from namespace kube-system, pods app.kubernetes.io/name=traefik to app=shop-nginx port 8080',
    ]);
    expect(c2[0].object).toMatchObject({ kind: 'Ingress', name: 'shop', file: '10-ingress.yaml' });
  });

  it('fails C7, and only C7, when the database allow is opened to every namespace', () => {
    const widened = manifests.map((m) => {
      if (m.kind !== 'NetworkPolicy' || m.name !== 'allow-app-to-postgres') return m;
      const object = JSON.parse(JSON.stringify(m.object));
      object.spec.ingress[0].from = [{ namespaceSelector: {} }];
      return { ...m, object };
    });
    const context = contextOf(widened);
    expect(failedIds(context)).toEqual(['C7']);
    expect(failures(context)).toEqual([
      '[C7] NetworkPolicy/allow-app-to-postgres lets anyone in to Deployment shop-postgres: spec.ingress[0].from[0] (any namespace): the peer matches any pod in any namespace — name only the pods and namespaces that need it (here: from pods app=shop-app); never an empty from, namespaceSelector: {} or 0.0.0.0/0',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Name traps and decisions, on hand-written sets

const FIXTURES = path.join(__dirname, '..', 'checks');
const fixture = (id: string, name: string) => new ReviewContext(fixtureInputs(path.join(FIXTURES, id, name)));

describe('policies judged by meaning, not by name', () => {
  it('counts a renamed deny (C1 passes on NetworkPolicy/lockdown)', () => {
    expect(NETWORK_CHECKS[0].run(fixture('C1', 'pass.renamed-deny.yaml'))).toEqual([expect.objectContaining({ status: 'pass', object: expect.objectContaining({ name: 'lockdown' }) })]);
  });

  it.each([
    ['fail.deny-selects-some-pods.yaml', /NetworkPolicy\/default-deny-ingress does not count: it selects only pods app=shop-app, so Deployment shop-nginx stays open/],
    ['fail.egress-only.yaml', /NetworkPolicy\/default-deny-ingress does not count: its policyTypes has no Ingress/],
    ['fail.deny-with-rules.yaml', /NetworkPolicy\/default-deny-ingress does not count: it has ingress rules/],
  ])('fails C1 on %s and says why the look-alike does not count', (name, reason) => {
    const [result] = NETWORK_CHECKS[0].run(fixture('C1', name));
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(reason);
  });

  it.each([
    ['C2', 'fail.target-label-typo.yaml', ['C2', 'C8'], 'did you mean app: shop-nginx (Deployment shop-nginx)?'],
    ['C4', 'fail.target-label-typo.yaml', ['C4', 'C8'], 'did you mean app: shop-postgres (Deployment shop-postgres)?'],
    ['C8', 'fail.label-typo.yaml', ['C4', 'C8'], 'did you mean app: shop-postgres (Deployment shop-postgres)?'],
  ])('an allow with a label typo (%s/%s) fails the flow it was meant for and C8, naming the typo', (id, name, ids, hint) => {
    const context = fixture(id, name);
    expect(failedIds(context)).toEqual(ids);
    const c8 = NETWORK_CHECKS[7].run(context).filter((r) => r.status === 'fail');
    expect(c8).toHaveLength(1);
    expect(c8[0].message).toContain(hint);
  });

  it('suggests the right label for a peer typo (the controller named traefk)', () => {
    const [result] = NETWORK_CHECKS[1].run(fixture('C2', 'fail.controller-label-typo.yaml'));
    expect(result.message).toContain('did you mean app.kubernetes.io/name: traefik?');
  });

  it('reports namespaceSelector: {} on a database allow once, on the policy (C7)', () => {
    const c7 = NETWORK_CHECKS[6].run(fixture('C7', 'fail.namespace-selector-all-on-database.yaml')).filter((r) => r.status === 'fail');
    expect(c7.map((r) => `${r.object?.kind}/${r.object?.name}`)).toEqual(['NetworkPolicy/allow-app-to-postgres']);
  });

  it('flags pods of the namespace other than the app reaching the database (C7)', () => {
    const [finding] = NETWORK_CHECKS[6].run(fixture('C7', 'fail.whole-namespace-to-database.yaml')).filter((r) => r.status === 'fail');
    expect(finding.message).toMatch(/^Deployment shop-postgres \(the database\) can be reached by Deployment shop-nginx on port 5432 through NetworkPolicy\/allow-app-to-postgres/);
  });

  it('keeps 8082 closed to the ingress controller (C7)', () => {
    const [finding] = NETWORK_CHECKS[6].run(fixture('C7', 'fail.mgmt-open-to-controller.yaml')).filter((r) => r.status === 'fail');
    expect(finding.message).toBe(
      'Deployment shop-nginx can be reached by Traefik (kube-system) on port 8082 through NetworkPolicy/allow-ingress-controller — port 8082 answers health checks only: list only the traffic port in the allow (ports: [8080])',
    );
  });
});

describe('a hand-written set without any NetworkPolicy (decision: C1 and C7 fail, C2–C6 pass, C8 not applicable)', () => {
  const context = fixture('C7', 'fail.no-policies.yaml');
  const results = verdicts(context);

  it('fails C1 once and C7 on every pod: each accepts connections from anyone', () => {
    expect(results.C1.map((r) => r.status)).toEqual(['fail']);
    expect(results.C7.map((r) => [r.status, r.object?.name])).toEqual([
      ['fail', 'shop-app'],
      ['fail', 'shop-nginx'],
      ['fail', 'shop-postgres'],
    ]);
  });

  it('passes the reachability checks: with nothing isolated, every intended flow gets through', () => {
    for (const id of ['C2', 'C3', 'C4']) expect([id, results[id].map((r) => r.status)]).toEqual([id, expect.arrayContaining(['pass'])]);
    for (const id of ['C2', 'C3', 'C4', 'C5', 'C6']) expect(results[id].filter((r) => r.status === 'fail')).toEqual([]);
    expect(results.C8).toEqual([]);
  });
});

describe('C8 on a policy in the wrong namespace', () => {
  it('names the pods it matches elsewhere, and only those', () => {
    const deployment = (name: string, namespace: string, app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${namespace} }\n` +
      `spec: { template: { metadata: { labels: { app: ${app} } }, spec: { containers: [{ name: c, image: x }] } } }\n`;
    const context = setOf(
      [
        deployment('shop-app', 'shop', 'shop-app'),
        deployment('blog-web', 'blog', 'web'),
        deployment('wiki-web', 'wiki', 'web'),
        deployment('wiki-db', 'wiki', 'db'),
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: allow-web, namespace: shop }\nspec: { podSelector: { matchLabels: { app: web } } }\n',
      ].join('---\n'),
    );
    const [finding] = NETWORK_CHECKS[7].run(context).filter((r) => r.status === 'fail');
    expect(finding.message).toContain('the pods it matches (Deployment blog-web and Deployment wiki-web) run in namespace blog: put the policy there');
  });
});

describe('not applicable', () => {
  it('leaves C2 alone without an Ingress, C4–C6 without their component, C1 and C8 without workloads', () => {
    const configOnly = setOf('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: shop }\ndata: { A: b }\n');
    expect(Object.values(verdicts(configOnly)).flat()).toEqual([]);
    const noIngress = fixture('C4', 'fail.no-allow.yaml');
    const withoutIngress = contextOf(noIngress.manifests.filter((m) => m.kind !== 'Ingress'));
    expect(NETWORK_CHECKS[1].run(withoutIngress)).toEqual([]);
    expect(NETWORK_CHECKS[4].run(noIngress)).toEqual([]);
    expect(NETWORK_CHECKS[5].run(noIngress)).toEqual([]);
  });

  it('judges no port for a scraped pod without prometheus.io/port (G1 reports the annotation)', () => {
    const context = setOf(`apiVersion: apps/v1
kind: Deployment
metadata: { name: w, namespace: shop }
spec:
  selector: { matchLabels: { app: w } }
  template:
    metadata:
      labels: { app: w }
      annotations: { prometheus.io/scrape: "true" }
    spec:
      containers: [{ name: w, image: harbor.internal.example.com/w:0123abc }]
`);
    expect(NETWORK_CHECKS[2].run(context)).toEqual([]);
  });
});

describe('C8 on policies Kubernetes would refuse', () => {
  it('fails: a refused policy never exists, so it selects and allows nothing', () => {
    const context = setOf(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: harbor.internal.example.com/web:0123abc, ports: [{ containerPort: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: broken, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingres]
`);
    const c8 = NETWORK_CHECKS[7].run(context);
    expect(c8).toHaveLength(1);
    expect(c8[0]).toMatchObject({ status: 'fail', object: { name: 'broken' } });
    expect(c8[0].message).toMatch(/^NetworkPolicy\/broken would be refused by Kubernetes, so it selects and allows nothing: spec\.policyTypes\[0\]: got "Ingres"/);
  });
});

describe('the review engine', () => {
  it('reports group C between B and D, with the CRITICAL severity', () => {
    const context = fixture('C7', 'fail.no-policies.yaml');
    const report = review({ manifests: context.manifests, cluster }, NETWORK_CHECKS);
    expect(report.passed).toBe(false);
    expect([...new Set(report.findings.map((f) => `${f.id} ${f.severity}`))]).toEqual(['C1 CRITICAL', 'C7 CRITICAL']);
    expect(IDS).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
  });
});

// ---------------------------------------------------------------------------------------------
// Third-party sets (shared/corpus), where the expectations leave C2–C8 open

const { dir: CORPUS, describe: describeCorpus } = describeWithCorpus('', 'test/review/networking (third-party sets)');
const corpusContext = (file: string) => contextOf(parseManifests(fs.readFileSync(path.join(CORPUS!, file), 'utf8'), file));

describeCorpus('third-party sets', () => {
  it('microservices-demo: no policy, so C1 fails and C7 fails on each of the 12 Deployments; redis-cart is reachable (C5 passes)', () => {
    const results = verdicts(corpusContext('realworld/microservices-demo.yaml'));
    expect(results.C1.map((r) => r.status)).toEqual(['fail']);
    expect(results.C7.filter((r) => r.status === 'fail')).toHaveLength(12);
    expect(results.C5.map((r) => [r.status, r.object?.name])).toEqual([['pass', 'redis-cart']]);
    expect(results.C8).toEqual([]);
  });

  it('tf-serving: the Ingress backend on 8501 is open to the controller (C2 passes)', () => {
    const results = verdicts(corpusContext('realworld/k8s-examples-tf-serving.yaml'));
    expect(results.C2.map((r) => r.status)).toEqual(['pass']);
  });

  it('Polaris missingNetworkPolicy success.yaml: 0.0.0.0/0 on 8080 fails C7 under any reading of C1', () => {
    const c7 = NETWORK_CHECKS[6].run(corpusContext('polaris/missingNetworkPolicy/success.yaml')).filter((r) => r.status === 'fail');
    expect(c7.map((r) => `${r.object?.kind}/${r.object?.name}`)).toEqual(['NetworkPolicy/test']);
  });

  it('Polaris netpol_targets_wrong_pod_label: the policy selects no pod (C8); high is no typo of medium, so the pod labels are shown', () => {
    const [c8] = NETWORK_CHECKS[7].run(corpusContext('polaris/missingNetworkPolicy/failure.netpol_targets_wrong_pod_label.yaml'));
    expect(c8.status).toBe('fail');
    expect(c8.message).toBe(
      'NetworkPolicy/test selects no pod: its podSelector {security: high} matches no pod of namespace default, so it protects and allows nothing — make podSelector match the labels of the pods it is meant for, e.g. {security: medium}',
    );
  });
});
