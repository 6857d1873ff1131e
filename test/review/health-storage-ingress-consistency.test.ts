import { clusterConfigSchema, type ClusterConfigInput } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { CATALOGUE } from '../../src/review/catalogue';
import type { Check, CheckResult } from '../../src/review/check';
import { CONSISTENCY_CHECKS } from '../../src/review/checks/consistency';
import { HEALTH_CHECKS, MGMT_NOT_EXPOSED, PROBE_TIMEOUTS, READINESS_PROBE } from '../../src/review/checks/health';
import { INGRESS_CHECKS, INGRESS_HOST_PATTERN } from '../../src/review/checks/ingress';
import { findServicePort, landingsOf, portRef, resolveProbePort, serviceNamed, targetInPod } from '../../src/review/checks/ports';
import { APP_WAITS_FOR_DATABASE, DATABASE_ON_PVC, NO_DATA_ON_CONTAINER_FILESYSTEM, STORAGE_CHECKS } from '../../src/review/checks/storage';
import { ReviewContext } from '../../src/review/context';
import { manifestsOf, render } from '../helpers/render';

const OUR_CHECKS: readonly Check[] = [...HEALTH_CHECKS, ...STORAGE_CHECKS, ...INGRESS_CHECKS, ...CONSISTENCY_CHECKS];

function contextOf(yaml: string, cluster: ClusterConfigInput = {}): ReviewContext {
  return new ReviewContext({ manifests: parseManifests(yaml, 'k8s/08-app.yaml'), cluster: clusterConfigSchema.parse(cluster) });
}

const failures = (results: CheckResult[]) => results.filter((r) => r.status === 'fail');
const messages = (results: CheckResult[]) => failures(results).map((r) => r.message);

const APP = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  selector: { matchLabels: { app: shop-app } }
  template:
    metadata: { labels: { app: shop-app } }
    spec:
      containers:
        - name: app
          image: harbor.internal.example.com/shop:a3f91bc
          ports:
            - { name: http, containerPort: 8081 }
            - { name: mgmt, containerPort: 8082 }
          livenessProbe: { httpGet: { path: /liveness, port: mgmt }, timeoutSeconds: 5 }
          readinessProbe: { httpGet: { path: /readiness, port: mgmt }, timeoutSeconds: 5 }
`;

function service(port: string, type = 'ClusterIP'): string {
  return `
---
apiVersion: v1
kind: Service
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  type: ${type}
  selector: { app: shop-app }
  ports:
    - ${port}
`;
}

function ingressTo(port: string): string {
  return `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: platform-vibe-shop }
spec:
  ingressClassName: traefik
  tls: [{ hosts: [platform-shop.internal.example.com] }]
  rules:
    - host: platform-shop.internal.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: shop-app, port: ${port} } } }
`;
}

describe('the B, D, H and N groups in the catalogue', () => {
  it('registers every id once, in report order, with the spec severities', () => {
    const ours = CATALOGUE.filter((c) => 'BDHN'.includes(c.group)).map((c) => `${c.id}:${c.severity}`);
    expect(ours).toEqual([
      ...['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'D1', 'D2', 'D3', 'D4'].map((id) => `${id}:CRITICAL`),
      ...['H1', 'H2', 'H3', 'H4', 'N1', 'N2', 'N3', 'N4'].map((id) => `${id}:WARNING`),
    ]);
    const groupOrder = CATALOGUE.map((c) => c.group).filter((g, i, all) => all.indexOf(g) === i);
    const expectedOrder = 'ABCDEFGHSN'.split('').filter((g) => groupOrder.includes(g as never));
    expect(groupOrder).toEqual(expectedOrder);
  });

  it('gives each check a title, what it verifies and a fix', () => {
    for (const check of OUR_CHECKS) {
      expect(check.id.startsWith(check.group)).toBe(true);
      expect(check.title).toMatch(/\S/);
      expect(check.verifies).toMatch(/\S/);
      expect(check.fix).toMatch(/\S/);
    }
  });
});

describe('our own synthesized output', () => {
  const base = { slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' } } as const;
  // Three items each: jest passes a done callback in place of a missing last one.
  const combinations: [string, Parameters<typeof render>[0], ClusterConfigInput][] = [
    ['postgres + redis + nginx', { ...base, components: { postgres: true, redis: true, nginx: true } }, {}],
    ['mongo + rabbitmq, nginx off', { ...base, components: { mongo: true, rabbitmq: true, nginx: false } }, {}],
    ['postgres with the mgmt sidecar', { ...base, components: { postgres: true, mgmtSidecar: true } }, {}],
    ['redis with persistence, sidecar, nginx off', { ...base, components: { redis: { persistence: true }, mgmtSidecar: true, nginx: false } }, {}],
    ['ingress off', { ...base, components: { postgres: true }, ingress: { enabled: false } }, {}],
    ['everything off', { ...base, components: { nginx: false }, ingress: { enabled: false } }, {}],
    [
      'another cluster pattern',
      { ...base, components: { mongo: true }, cluster: { prefix: 'acme', ingressHostPattern: '{slug}.apps.acme.test' } },
      { prefix: 'acme', ingressHostPattern: '{slug}.apps.acme.test' },
    ],
  ];

  it.each(combinations)('passes every B, D, H and N check: %s', (_name, props, cluster) => {
    const context = new ReviewContext({ manifests: manifestsOf(render(props)), cluster: clusterConfigSchema.parse(cluster) });
    const found = OUR_CHECKS.flatMap((check) => failures(check.run(context)).map((r) => `[${check.id}] ${r.message}`));
    expect(found).toEqual([]);
    // The checks looked at the app, not at an empty set.
    for (const check of [...HEALTH_CHECKS.slice(0, 5), NO_DATA_ON_CONTAINER_FILESYSTEM]) expect(check.run(context).length).toBeGreaterThan(0);
  });

  it('applies the storage checks when a database is on', () => {
    const context = new ReviewContext({
      manifests: manifestsOf(render({ ...base, components: { postgres: true } })),
      cluster: clusterConfigSchema.parse({}),
    });
    for (const check of STORAGE_CHECKS) expect(check.run(context).filter((r) => r.status === 'pass').length).toBeGreaterThan(0);
  });

  it('fails B6 when an escape hatch points the generated Ingress at the management port', () => {
    const manifests = manifestsOf(render({ ...base, components: { nginx: false } }));
    const ingress = manifests.find((m) => m.kind === 'Ingress')!;
    const appService = manifests.find((m) => m.kind === 'Service' && m.name === 'shop-app')!;
    appService.object.spec.ports.push({ name: 'status', port: 9000, targetPort: 'mgmt' });
    ingress.object.spec.rules[0].http.paths[0].backend.service.port = { name: 'status' };
    const results = MGMT_NOT_EXPOSED.run(new ReviewContext({ manifests, cluster: clusterConfigSchema.parse({}) }));
    expect(messages(results)).toEqual([expect.stringMatching(/^Ingress\/shop .*Service\/shop-app \(port 9000 → targetPort "mgmt"\).*Deployment\/shop-app/)]);
  });
});

describe('named ports', () => {
  it('reads IntOrString ports: numbers, digits as text, names', () => {
    expect(portRef(8082)).toBe(8082);
    expect(portRef('8082')).toBe(8082);
    expect(portRef('mgmt')).toBe('mgmt');
    expect(portRef('')).toBeUndefined();
    expect(portRef(undefined)).toBeUndefined();
  });

  it('resolves a probe port name in the probing container only, as the kubelet does', () => {
    const context = contextOf(`
apiVersion: v1
kind: Pod
metadata: { name: shop }
spec:
  containers:
    - { name: app, image: a, ports: [{ name: http, containerPort: 8081 }] }
    - { name: sidecar, image: b, ports: [{ name: mgmt, containerPort: 8082 }] }
`);
    const [app, sidecar] = context.workloads()[0].containers;
    expect(resolveProbePort(sidecar, 'mgmt')).toBe(8082);
    expect(resolveProbePort(app, 'mgmt')).toBeUndefined();
    expect(resolveProbePort(app, 8082)).toBe(8082);
  });

  it('resolves a Service targetPort name across every running container of the selected pods', () => {
    const context = contextOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app }
spec:
  template:
    metadata: { labels: { app: shop-app } }
    spec:
      initContainers:
        - { name: native-sidecar, image: c, restartPolicy: Always, ports: [{ name: admin, containerPort: 9000 }] }
      containers:
        - { name: app, image: a, ports: [{ name: http, containerPort: 8081 }] }
        - { name: sidecar, image: b, ports: [{ name: mgmt, containerPort: 8082 }] }
---
apiVersion: v1
kind: Service
metadata: { name: shop-app }
spec:
  selector: { app: shop-app }
  ports:
    - { name: web, port: 80, targetPort: http }
    - { name: status, port: 9090, targetPort: mgmt }
    - { name: admin, port: 9000, targetPort: admin }
    - { name: missing, port: 7000, targetPort: nothing }
`);
    const svc = serviceNamed(context, 'shop-app', '')!;
    const workload = context.workloads()[0];
    const portOf = (ref: string | number) => {
      const target = targetInPod(findServicePort(svc, ref)!, workload);
      return typeof target === 'number' ? target : target?.port;
    };
    expect(portOf('web')).toBe(8081);
    expect(portOf(9090)).toBe(8082);
    expect(portOf('admin')).toBe(9000);
    expect(portOf('missing')).toBeUndefined();
    expect(landingsOf(context, svc, findServicePort(svc, 'status')!).map((l) => l.port)).toEqual([8082]);
  });

  it('passes B4 when the readiness probe names a port that is 8082', () => {
    expect(messages(READINESS_PROBE.run(contextOf(APP)))).toEqual([]);
  });

  it('fails B4 when the named port is 8082 only in a neighbouring container', () => {
    const context = contextOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app }
spec:
  template:
    # The label says which workload is the app: by image alone, the nginx sidecar would make it look like nginx.
    metadata: { labels: { app: shop-app, app.kubernetes.io/component: application } }
    spec:
      containers:
        - name: app
          image: harbor.internal.example.com/shop:a3f91bc
          ports: [{ name: http, containerPort: 8081 }]
          readinessProbe: { httpGet: { path: /readiness, port: mgmt }, timeoutSeconds: 5 }
        - name: mgmt-sidecar
          image: harbor.internal.example.com/dockerhub-proxy/nginx:1.27
          ports: [{ name: mgmt, containerPort: 8082 }]
`);
    expect(messages(READINESS_PROBE.run(context))).toEqual([expect.stringContaining('"mgmt" is not a port name this container declares')]);
  });
});

describe('B6 through a Service targetPort', () => {
  it.each([
    ['a named targetPort', '{ name: web, port: 80, targetPort: mgmt }', '{ name: web }'],
    ['a numbered targetPort', '{ name: web, port: 80, targetPort: 8082 }', '{ number: 80 }'],
    ['the Service port itself', '{ name: mgmt, port: 8082 }', '{ number: 8082 }'],
  ])('fails when the Ingress reaches 8082 through %s', (_how, port, backendPort) => {
    const results = MGMT_NOT_EXPOSED.run(contextOf(APP + service(port) + ingressTo(backendPort)));
    expect(failures(results).map((r) => r.object?.kind)).toEqual(['Ingress']);
    expect(messages(results)[0]).toMatch(/management port 8082 of Deployment\/shop-app — route it to the app port 8081/);
  });

  it('passes when the Ingress lands on the app port 8081 through a named targetPort', () => {
    const results = MGMT_NOT_EXPOSED.run(contextOf(APP + service('{ name: web, port: 80, targetPort: http }') + ingressTo('{ name: web }')));
    expect(results.map((r) => r.status)).toEqual(['pass']);
  });

  it('fails a LoadBalancer or NodePort Service whose port lands on 8082, and passes a ClusterIP one', () => {
    for (const type of ['LoadBalancer', 'NodePort']) {
      const results = MGMT_NOT_EXPOSED.run(contextOf(APP + service('{ name: status, port: 9000, targetPort: mgmt }', type)));
      expect(messages(results)).toEqual([expect.stringContaining(`Service/shop-app is type ${type}, and its port 9000 → targetPort "mgmt" reaches the management port 8082`)]);
    }
    expect(failures(MGMT_NOT_EXPOSED.run(contextOf(APP + service('{ name: status, port: 9000, targetPort: mgmt }'))))).toEqual([]);
  });

  it('fails a Gateway API HTTPRoute and a Traefik IngressRoute that reach 8082', () => {
    const routes = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop-route, namespace: platform-vibe-shop }
spec:
  rules: [{ backendRefs: [{ name: shop-app, port: 9000 }] }]
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: shop-traefik, namespace: platform-vibe-shop }
spec:
  routes: [{ match: "Host(\`a\`)", kind: Rule, services: [{ name: shop-app, port: status }] }]
`;
    const results = MGMT_NOT_EXPOSED.run(contextOf(APP + service('{ name: status, port: 9000, targetPort: 8082 }') + routes));
    expect(failures(results).map((r) => `${r.object?.kind}/${r.object?.name}`)).toEqual(['HTTPRoute/shop-route', 'IngressRoute/shop-traefik']);
  });
});

describe('decisions on open points', () => {
  const POSTGRES = `
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-postgres, namespace: platform-vibe-shop }
spec:
  strategy: { type: Recreate }
  template:
    metadata: { labels: { app: shop-postgres } }
    spec:
      containers:
        - name: postgres
          image: harbor.internal.example.com/dockerhub-proxy/postgres:16
          ports: [{ name: postgres, containerPort: 5432 }]
          volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/data }]
      volumes: [{ name: data, persistentVolumeClaim: { claimName: shop-postgres-data } }]
---
apiVersion: v1
kind: Service
metadata: { name: shop-postgres, namespace: platform-vibe-shop }
spec:
  selector: { app: shop-postgres }
  ports: [{ name: postgres, port: 5432, targetPort: postgres }]
`;

  it('fails B5 for the app readiness probe under 10 s once the set runs a database (it is taken to check the database)', () => {
    expect(messages(PROBE_TIMEOUTS.run(contextOf(APP)))).toEqual([]);
    expect(messages(PROBE_TIMEOUTS.run(contextOf(APP + POSTGRES)))).toEqual([
      expect.stringMatching(/^Deployment\/shop-app container "app": the readiness probe times out after 5 s .* set readinessProbe.timeoutSeconds: 10$/),
    ]);
  });

  it('fails D1 when the claim is defined nowhere, and names the file to add it to for numbered sets', () => {
    const context = new ReviewContext({ manifests: parseManifests(POSTGRES, 'k8s/05-db.yaml'), cluster: clusterConfigSchema.parse({}) });
    expect(messages(DATABASE_ON_PVC.run(context))).toEqual([expect.stringContaining('add a PersistentVolumeClaim named shop-postgres-data to 04-storage.yaml')]);
  });

  it('passes D3 only for an init container that names the database host as a whole word', () => {
    const withInit = (command: string) =>
      contextOf(
        APP.replace('      containers:', `      initContainers:\n        - { name: wait, image: x, command: [sh, -c, "${command}"] }\n      containers:`) + POSTGRES,
      );
    expect(messages(APP_WAITS_FOR_DATABASE.run(withInit('until nc -z shop-postgres 5432; do sleep 2; done')))).toEqual([]);
    expect(messages(APP_WAITS_FOR_DATABASE.run(withInit('until nc -z shop-postgres.platform-vibe-shop.svc:5432; do sleep 2; done')))).toEqual([]);
    expect(messages(APP_WAITS_FOR_DATABASE.run(withInit('until nc -z shop-postgres-exporter 9187; do sleep 2; done')))).toHaveLength(1);
  });

  it('fails D4 on every container that may write its root filesystem, not only on databases', () => {
    const results = NO_DATA_ON_CONTAINER_FILESYSTEM.run(contextOf(APP));
    expect(messages(results)).toEqual([expect.stringContaining('Deployment/shop-app container "app" does not set readOnlyRootFilesystem')]);
  });

  it('suggests the host from the app namespace for H1', () => {
    const results = INGRESS_HOST_PATTERN.run(contextOf(APP + ingressTo('{ number: 8081 }').replace(/platform-shop\.internal/g, 'shop.other')));
    expect(messages(results)).toEqual([expect.stringContaining('— use host: platform-shop.internal.example.com')]);
  });

  it('does not apply N4 to a set that never names a namespace', () => {
    const N4 = CONSISTENCY_CHECKS.find((c) => c.id === 'N4')!;
    expect(N4.run(contextOf(APP.replace(', namespace: platform-vibe-shop', '')))).toEqual([]);
    expect(failures(N4.run(contextOf(`${APP}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: shop-config }\n`)))).toHaveLength(1);
  });
});
