import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { VibeApp, type VibeAppProps } from '../../src';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { SIZE_TABLE, SIZES } from '../../src/contract/sizes';
import { parseManifests } from '../../src/manifests/parse-manifests';
import type { Check, CheckResult } from '../../src/review/check';
import { IMAGE_CHECKS } from '../../src/review/checks/image';
import { isBelow, isDockerHub, parseImageReference } from '../../src/review/checks/image-reference';
import { POD_HARDENING_CHECKS } from '../../src/review/checks/pod-hardening';
import { RESOURCE_CHECKS } from '../../src/review/checks/resources';
import { compareQuantities, parseQuantity, sameQuantity } from '../../src/review/checks/resources-quantity';
import { ReviewContext, type ReviewInputs } from '../../src/review/context';
import { validAnswers } from '../arbitraries';
import { manifestsOf } from '../helpers/render';

const MY_CHECKS: readonly Check[] = [...IMAGE_CHECKS, ...POD_HARDENING_CHECKS, ...RESOURCE_CHECKS];
const byId = (id: string): Check => MY_CHECKS.find((c) => c.id === id)!;
const defaultCluster = clusterConfigSchema.parse({});

function run(id: string, yaml: string, extra: Partial<ReviewInputs> = {}): CheckResult[] {
  return byId(id).run(new ReviewContext({ manifests: parseManifests(yaml, 'test.yaml'), cluster: defaultCluster, ...extra }));
}
const failures = (results: CheckResult[]) => results.filter((r) => r.status === 'fail').map((r) => r.message);

/** A Deployment with the given pod securityContext and containers (YAML flow style). */
function pod(options: { podSecurity?: string; containers: string; initContainers?: string; extra?: string }): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  selector: { matchLabels: { app: shop-app } }
  template:
    metadata: { labels: { app: shop-app } }
    spec:
      securityContext: ${options.podSecurity ?? '{}'}
      containers: ${options.containers}
      initContainers: ${options.initContainers ?? '[]'}
${options.extra ?? ''}`;
}

const APP = 'harbor.internal.example.com/shop-app:a3f91bc';

describe('our own synthesized output', () => {
  /**
   * Rendered without the synth gate (renderUnchecked), so a failure here names our check and the
   * object instead of surfacing as a ReviewGateError mixed with other groups' findings.
   */
  const CASES: [string, Partial<VibeAppProps>][] = [
    ['nginx only (the default)', {}],
    ['postgres + redis + nginx', { components: { postgres: true, redis: true, nginx: true } }],
    ['mongo + rabbitmq, no nginx', { components: { mongo: true, rabbitmq: true, nginx: false } }],
    ['no components at all', { components: { nginx: false }, ingress: { enabled: false } }],
    ['mgmt sidecar + SPA nginx + persistent redis, size sm', { size: 'sm', components: { nginx: { spaFallback: true }, mgmtSidecar: true, redis: { persistence: true } } }],
    ['everything, size xs (stateful lifted to md)', { size: 'xs', components: { postgres: true, redis: true, rabbitmq: true, nginx: true, mgmtSidecar: true } }],
    ['mongo + redis, size xl', { size: 'xl', components: { mongo: { size: 'lg' }, redis: true } }],
    ['postgres on a cluster with its own registry and mirror', {
      components: { postgres: true, nginx: true },
      cluster: { prefix: 'acme', registry: 'registry.acme.test', mirrorPrefix: 'mirror.acme.test/hub' },
    }],
  ];

  it.each(CASES)('%s: no finding from A, S or F', (_name, props) => {
    const app = new VibeApp({
      slug: 'shop',
      image: { repository: 'team-a/shop-app', tag: 'a3f91bc' },
      outdir: path.join(os.tmpdir(), 'vibe-unused'),
      ...props,
    } as VibeAppProps);
    const context = new ReviewContext({ manifests: manifestsOf(app.renderUnchecked()), cluster: app.model.cluster });
    const found = MY_CHECKS.flatMap((check) => check.run(context).filter((r) => r.status === 'fail').map((r) => `[${check.id}] ${r.message}`));
    expect(found).toEqual([]);

    // The checks had something to judge: every manifest check passed at least one object.
    const judged = MY_CHECKS.filter((check) => check.run(context).some((r) => r.status === 'pass')).map((c) => c.id);
    expect(judged).toEqual(expect.arrayContaining(['A1', 'A3', 'A4', 'A5', 'A6', 'S1', 'S2', 'S3', 'S5', 'S6', 'F1', 'F2', 'F3', 'F5']));
    if (props.components?.postgres || props.components?.mongo || props.components?.redis || props.components?.rabbitmq) expect(judged).toContain('F4');
  });
});

describe('our output for random valid answers', () => {
  it('gives no A, S or F finding (WARNINGs included)', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const app = new VibeApp({ ...answers, outdir: path.join(os.tmpdir(), 'vibe-unused') });
        const context = new ReviewContext({ manifests: manifestsOf(app.renderUnchecked()), cluster: app.model.cluster });
        const found = MY_CHECKS.flatMap((check) => check.run(context).filter((r) => r.status === 'fail').map((r) => `[${check.id}] ${r.message}`));
        expect(found).toEqual([]);
      }),
      { numRuns: Number(process.env.VIBE_PROPERTY_RUNS ?? 40) },
    );
  });
});

describe('quantities compare by value', () => {
  it.each([
    ['0.2', '200m'],
    [0.2, '200m'],
    ['1', '1000m'],
    [1, '1000m'],
    ['1Gi', '1024Mi'],
    ['0.5Gi', '512Mi'],
    ['1.5Gi', '1536Mi'],
    ['268435456', '256Mi'],
    ['1e3', '1k'],
    ['129e6', '129M'],
    ['1E3', '1000'],
    ['+500m', '0.5'],
    ['.5', '500m'],
  ])('%p equals %p', (a, b) => {
    expect(sameQuantity(a, b)).toBe(true);
  });

  it.each([
    ['1G', '1Gi'],
    ['100m', '100Mi'],
    ['1M', '1Mi'],
    ['0.2', '0.25'],
  ])('%p differs from %p', (a, b) => {
    expect(sameQuantity(a, b)).toBe(false);
  });

  it('treats E as exa without digits after it, as an exponent with them', () => {
    expect(parseQuantity('1E')).toBe(10n ** 18n * 10n ** 9n);
    expect(parseQuantity('1E2')).toBe(100n * 10n ** 9n);
  });

  it.each(['half', '', '1.2.3', 'Mi', '1 Gi', '1gi', '1e999999999', null, undefined, {}, Number.NaN])('refuses %p as a quantity', (value) => {
    expect(parseQuantity(value)).toBeUndefined();
  });

  it('orders quantities', () => {
    expect(compareQuantities('512Mi', '1Gi')).toBe(-1);
    expect(compareQuantities('1', '999m')).toBe(1);
    expect(compareQuantities('2Gi', '2048Mi')).toBe(0);
    expect(compareQuantities('lots', '1')).toBeUndefined();
  });

  it('F3 accepts every t-shirt row however it is written, and F4 compares by value', () => {
    const resources = '{ requests: { cpu: 0.2, memory: "268435456" }, limits: { cpu: "0.5", memory: 0.5Gi } }';
    const yaml = pod({ containers: `[{ name: app, image: "${APP}", resources: ${resources} }]` });
    expect(failures(run('F3', yaml))).toEqual([]);
    const db = yaml.replace('app: shop-app } }\n    spec', 'app: shop-app, app.kubernetes.io/component: database } }\n    spec');
    expect(failures(run('F4', db))).toEqual([]);
  });

  it.each(SIZES.map((size) => [size] as const))('F3 passes the %s row as written in the contract', (size) => {
    const row = SIZE_TABLE[size];
    const resources = `{ requests: { cpu: ${row.cpuRequest}, memory: ${row.memoryRequest} }, limits: { cpu: ${row.cpuLimit}, memory: ${row.memoryLimit} } }`;
    expect(failures(run('F3', pod({ containers: `[{ name: app, image: "${APP}", resources: ${resources} }]` })))).toEqual([]);
  });

  it('fails F3 for requests of one row and limits of another', () => {
    const resources = '{ requests: { cpu: 50m, memory: 64Mi }, limits: { cpu: 500m, memory: 512Mi } }';
    expect(failures(run('F3', pod({ containers: `[{ name: app, image: "${APP}", resources: ${resources} }]` })))).toEqual([
      expect.stringMatching(/^Deployment\/shop-app container "app" asks for cpu 50m\/500m, memory 64Mi\/512Mi .* no t-shirt size/),
    ]);
  });
});

describe('non-root (A3): the container overrides the pod', () => {
  const hardened = 'allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }';
  const app = (securityContext: string) => `[{ name: app, image: "${APP}", securityContext: { ${hardened}${securityContext ? `, ${securityContext}` : ''} } }]`;

  it('passes with runAsNonRoot on the pod only', () => {
    expect(failures(run('A3', pod({ podSecurity: '{ runAsNonRoot: true, runAsUser: 1000 }', containers: app('') })))).toEqual([]);
  });

  it('passes with runAsNonRoot on the container only (no runAsUser: the image user)', () => {
    expect(failures(run('A3', pod({ containers: app('runAsNonRoot: true') })))).toEqual([]);
  });

  it('fails when the container sets runAsNonRoot: false under a non-root pod, naming the container', () => {
    expect(failures(run('A3', pod({ podSecurity: '{ runAsNonRoot: true, runAsUser: 1000 }', containers: app('runAsNonRoot: false') })))).toEqual([
      'Deployment/shop-app container "app" allows running as root (runAsNonRoot: false) — set runAsNonRoot: true in its securityContext',
    ]);
  });

  it('fails when the container sets runAsUser: 0 under a non-root pod', () => {
    expect(failures(run('A3', pod({ podSecurity: '{ runAsNonRoot: true, runAsUser: 1000 }', containers: app('runAsUser: 0') })))).toEqual([
      expect.stringMatching(/^Deployment\/shop-app container "app" runs as root \(runAsUser: 0\) — change runAsUser to 1000/),
    ]);
  });

  it("passes when the container's uid overrides the pod's runAsUser: 0", () => {
    expect(failures(run('A3', pod({ podSecurity: '{ runAsNonRoot: true, runAsUser: 0 }', containers: app('runAsUser: 1000') })))).toEqual([]);
  });

  it('fails once for the workload, in the article words, when nothing is set', () => {
    expect(failures(run('A3', pod({ containers: app('') })))).toEqual([
      'Deployment/shop-app may run as root (nothing sets runAsNonRoot: true) — add runAsNonRoot: true and runAsUser: 1000 to the pod securityContext',
    ]);
  });

  it('suggests the uid the platform uses for the component', () => {
    const yaml = pod({ containers: '[{ name: postgres, image: "harbor.internal.example.com/dockerhub-proxy/postgres:16" }]' });
    expect(failures(run('A3', yaml))).toEqual([expect.stringContaining('runAsUser: 999')]);
  });
});

describe('helpers (S4) and main containers (A3/A4/S1/S2) never report the same problem twice', () => {
  const init = '[{ name: wait-for-db, image: "harbor.internal.example.com/dockerhub-proxy/debian:12-slim", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }]';

  it('leaves a pod-level gap shared by the main container to A3 and S1', () => {
    const yaml = pod({ containers: `[{ name: app, image: "${APP}", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }]`, initContainers: init });
    expect(failures(run('A3', yaml))).toHaveLength(1);
    expect(failures(run('S1', yaml))).toHaveLength(1);
    expect(failures(run('S4', yaml))).toEqual([]);
  });

  it('reports the init container under S4 when only the main container is hardened on its own', () => {
    const main = `[{ name: app, image: "${APP}", securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault } } }]`;
    const yaml = pod({ containers: main, initContainers: init });
    expect(failures(run('A3', yaml))).toEqual([]);
    expect(failures(run('S1', yaml))).toEqual([]);
    expect(failures(run('S4', yaml))).toEqual([
      expect.stringMatching(/^Deployment\/shop-app init container "wait-for-db" may run as root/),
      expect.stringMatching(/^Deployment\/shop-app init container "wait-for-db" has no seccomp profile/),
    ]);
  });

  it('judges a sidecar in containers under S4 and the first container under A4', () => {
    const containers = `[{ name: app, image: "${APP}", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }, ` +
      '{ name: mgmt-sidecar, image: "harbor.internal.example.com/dockerhub-proxy/nginx:1.27", securityContext: { allowPrivilegeEscalation: false } }]';
    const yaml = pod({ podSecurity: '{ runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }', containers });
    expect(failures(run('A4', yaml))).toEqual([]);
    expect(failures(run('S4', yaml))).toEqual([
      'Deployment/shop-app sidecar container "mgmt-sidecar" keeps its Linux capabilities — add capabilities: { drop: [ALL] } to its securityContext',
    ]);
  });

  it('takes the main container from kubectl.kubernetes.io/default-container', () => {
    const containers = '[{ name: proxy, image: "harbor.internal.example.com/dockerhub-proxy/envoy:1.30", securityContext: { allowPrivilegeEscalation: false } }, ' +
      `{ name: app, image: "${APP}", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }]`;
    const yaml = pod({ podSecurity: '{ runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }', containers }).replace(
      'metadata: { labels: { app: shop-app } }',
      'metadata: { labels: { app: shop-app }, annotations: { kubectl.kubernetes.io/default-container: app } }',
    );
    expect(failures(run('A4', yaml))).toEqual([]);
    expect(failures(run('S4', yaml))).toEqual([expect.stringMatching(/^Deployment\/shop-app sidecar container "proxy" keeps its Linux capabilities/)]);
  });
});

describe('Docker Hub names (A5)', () => {
  it.each([
    ['redis:7', true],
    ['redis', true],
    ['library/redis:7.4', true],
    ['bitnami/redis:7.4', true],
    ['docker/compose:2', true],
    ['mirror/node:22-slim', true],
    ['busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d', true],
    ['docker.io/library/redis:7', true],
    ['DOCKER.IO/library/redis:7', true],
    ['index.docker.io/bitnami/redis:7', true],
    ['registry-1.docker.io/library/redis:7', true],
    ['us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.6', false],
    ['gcr.io/google-samples/gb-frontend:v5', false],
    ['registry.k8s.io/redis:e2e', false],
    ['ghcr.io/acme/agent:2.1', false],
    ['localhost/probe:1.0', false],
    ['localhost:5000/tools:1.0', false],
    ['myregistry:5000/team/app:1', false],
    ['Harbor/app:1', false],
    ['harbor.internal.example.com/dockerhub-proxy/redis:7.4', false],
  ])('%s → Docker Hub: %p', (image, expected) => {
    expect(isDockerHub(parseImageReference(image))).toBe(expected);
  });

  it('ignores a YAML comment that looks like an image', () => {
    const yaml = pod({ containers: '[{ name: app, image: "registry.k8s.io/redis:e2e" }] # or just image: redis' });
    expect(failures(run('A5', yaml))).toEqual([]);
  });
});

describe('image references', () => {
  it.each([
    ['redis:7', { path: 'redis', tag: '7' }],
    ['localhost:5000/team/app', { host: 'localhost:5000', path: 'team/app', tag: undefined }],
    ['localhost:5000/team/app:1.2', { host: 'localhost:5000', path: 'team/app', tag: '1.2' }],
    ['harbor.x/app@sha256:abc', { host: 'harbor.x', path: 'app', tag: undefined, digest: 'sha256:abc' }],
    ['harbor.x/app:latest@sha256:abc', { host: 'harbor.x', path: 'app', tag: 'latest', digest: 'sha256:abc' }],
  ])('splits %s', (image, expected) => {
    expect(parseImageReference(image)).toMatchObject(expected);
  });

  it('matches the registry and mirror only on path boundaries', () => {
    expect(isBelow('harbor.internal.example.com/app:1', 'harbor.internal.example.com')).toBe(true);
    expect(isBelow('harbor.internal.example.com/dockerhub-proxy/redis:7', 'harbor.internal.example.com/dockerhub-proxy/')).toBe(true);
    expect(isBelow('harbor.internal.example.com.evil.io/app:1', 'harbor.internal.example.com')).toBe(false);
    expect(isBelow('harbor.internal.example.com/dockerhub-proxy-2/redis:7', 'harbor.internal.example.com/dockerhub-proxy')).toBe(false);
    expect(isBelow('harbor.internal.example.com', 'harbor.internal.example.com')).toBe(false);
  });
});

describe('pinning (A1)', () => {
  const image = (ref: string) => pod({ containers: `[{ name: app, image: "${ref}" }]` });

  it.each([
    'harbor.internal.example.com/shop-app:a3f91bc',
    `harbor.internal.example.com/shop-app@sha256:${'a'.repeat(64)}`,
    `harbor.internal.example.com/shop-app:latest@sha256:${'a'.repeat(64)}`,
    'localhost:5000/shop-app:1.4.2',
    'redis:alpine',
  ])('passes %s', (ref) => {
    expect(failures(run('A1', image(ref)))).toEqual([]);
  });

  it.each([
    ['harbor.internal.example.com/shop-app:latest', /image tag is ':latest' — use the commit SHA CI built \(e\.g\. shop-app:a3f91bc\)/],
    ['harbor.internal.example.com/shop-app:LATEST', /image tag is ':latest'/],
    ['harbor.internal.example.com/shop-app', /has no tag, so it runs whatever ':latest' is/],
    ['localhost:5000/shop-app', /has no tag/],
  ])('fails %s', (ref, message) => {
    expect(failures(run('A1', image(ref)))).toEqual([expect.stringMatching(message)]);
  });

  it('judges Dockerfile FROMs, but not stages or scratch', () => {
    const dockerfiles = [{ file: 'Dockerfile', text: 'FROM node AS build\nFROM build\nFROM scratch\nFROM node:22-slim@sha256:abc\n' }];
    expect(failures(run('A1', '', { dockerfiles }))).toEqual([expect.stringMatching(/^Dockerfile line 1 \(FROM node\): image "node" has no tag/)]);
  });
});

describe('service-account token (S5)', () => {
  it('resolves the ServiceAccount named by the pod, in the same namespace only', () => {
    const deployment = pod({ containers: `[{ name: app, image: "${APP}" }]` }).replace('securityContext: {}', 'serviceAccountName: shop-app');
    const account = (namespace: string) => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: shop-app, namespace: ${namespace} }\nautomountServiceAccountToken: false\n`;
    expect(failures(run('S5', deployment + account('platform-vibe-shop')))).toEqual([]);
    expect(failures(run('S5', deployment + account('elsewhere')))).toHaveLength(1);
  });
});

describe('HPA (F5)', () => {
  const hpa = '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: shop-app }\nspec: { scaleTargetRef: { kind: Deployment, name: shop-app }, minReplicas: 2, maxReplicas: 4 }\n';
  const app = pod({ containers: `[{ name: app, image: "${APP}" }]` });

  it('fails a missing HPA and static replicas beside one, passes the HPA alone', () => {
    expect(failures(run('F5', app))).toEqual([expect.stringMatching(/^Deployment\/shop-app has no HorizontalPodAutoscaler/)]);
    expect(failures(run('F5', app.replace('spec:\n  selector', 'spec:\n  replicas: 3\n  selector') + hpa))).toEqual([
      expect.stringMatching(/^Deployment\/shop-app sets replicas: 3 beside HorizontalPodAutoscaler\/shop-app — remove replicas/),
    ]);
    expect(failures(run('F5', app + hpa))).toEqual([]);
  });

  it('does not ask a database, a Job or a DaemonSet for an HPA', () => {
    const db = pod({ containers: '[{ name: postgres, image: "harbor.internal.example.com/dockerhub-proxy/postgres:16" }]' });
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate }\nspec: { template: { spec: { containers: [{ name: m, image: x:1 }] } } }\n';
    expect(run('F5', db)).toEqual([]);
    expect(run('F5', job)).toEqual([]);
  });
});
