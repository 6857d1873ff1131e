import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/** Relative to the repository root, where `vibe` runs, so paths in the output are stable. */
const FIXTURE = 'test/network/graph-fixture';
const FIXTURE_FILE = `${FIXTURE}/shop.yaml`;

const ACTOR_NODES = [
  '  actor_dns(["cluster DNS (kube-system)"])',
  '  actor_ingress_controller(["ingress controller (kube-system)"])',
  '  actor_internet(["the internet (203.0.113.10)"])',
  '  actor_observability(["observability (platform-vibe-observability)"])',
  '  actor_otel_collector(["OTEL collector (platform-vibe-observability)"])',
  '  actor_other_namespace(["a pod in another namespace (some-other-namespace)"])',
];
const POD_NODES = ['  deployment_shop_app["Deployment shop-app"]', '  deployment_shop_nginx["Deployment shop-nginx"]', '  statefulset_shop_postgres["StatefulSet shop-postgres"]'];

/** What the fixture's policies allow: traefik → nginx → app → postgres, scrape, DNS and OTEL out; nothing from the internet or other namespaces. */
const EXPECTED_MERMAID = [
  'flowchart LR',
  ...ACTOR_NODES,
  ...POD_NODES,
  '  actor_ingress_controller -->|"8080"| deployment_shop_nginx',
  '  actor_observability -->|"8081"| deployment_shop_app',
  '  deployment_shop_app -->|"53/TCP, 53/UDP"| actor_dns',
  '  deployment_shop_app -->|"4317"| actor_otel_collector',
  '  deployment_shop_app -->|"5432"| statefulset_shop_postgres',
  '  deployment_shop_nginx -->|"53/TCP, 53/UDP"| actor_dns',
  '  deployment_shop_nginx -->|"4317"| actor_otel_collector',
  '  deployment_shop_nginx -->|"8081"| deployment_shop_app',
  '  statefulset_shop_postgres -->|"53/TCP, 53/UDP"| actor_dns',
  '  statefulset_shop_postgres -->|"4317"| actor_otel_collector',
  '',
].join('\n');

const APP = 'platform-vibe-shop/Deployment/shop-app';
const NGINX = 'platform-vibe-shop/Deployment/shop-nginx';
const POSTGRES = 'platform-vibe-shop/StatefulSet/shop-postgres';

const EXPECTED_JSON = {
  endpoints: [
    { id: 'dns', type: 'actor', title: 'cluster DNS (kube-system)', namespace: 'kube-system' },
    { id: 'ingress-controller', type: 'actor', title: 'ingress controller (kube-system)', namespace: 'kube-system' },
    { id: 'internet', type: 'actor', title: 'the internet (203.0.113.10)', address: '203.0.113.10' },
    { id: 'observability', type: 'actor', title: 'observability (platform-vibe-observability)', namespace: 'platform-vibe-observability' },
    { id: 'otel-collector', type: 'actor', title: 'OTEL collector (platform-vibe-observability)', namespace: 'platform-vibe-observability' },
    { id: 'other-namespace', type: 'actor', title: 'a pod in another namespace (some-other-namespace)', namespace: 'some-other-namespace' },
    { id: APP, type: 'pod', title: 'Deployment shop-app', kind: 'Deployment', name: 'shop-app', namespace: 'platform-vibe-shop', source: `${FIXTURE_FILE}:28` },
    { id: NGINX, type: 'pod', title: 'Deployment shop-nginx', kind: 'Deployment', name: 'shop-nginx', namespace: 'platform-vibe-shop', source: `${FIXTURE_FILE}:10` },
    { id: POSTGRES, type: 'pod', title: 'StatefulSet shop-postgres', kind: 'StatefulSet', name: 'shop-postgres', namespace: 'platform-vibe-shop', source: `${FIXTURE_FILE}:47` },
  ],
  flows: [
    { from: 'ingress-controller', to: NGINX, port: 8080, protocol: 'TCP', portName: 'http' },
    { from: 'observability', to: APP, port: 8081, protocol: 'TCP', portName: 'http' },
    ...[APP, NGINX, POSTGRES].flatMap((pod) => [
      { from: pod, to: 'dns', port: 53, protocol: 'TCP', portName: 'dns-tcp' },
      { from: pod, to: 'dns', port: 53, protocol: 'UDP', portName: 'dns' },
      { from: pod, to: 'otel-collector', port: 4317, protocol: 'TCP' },
      ...(pod === APP ? [{ from: APP, to: POSTGRES, port: 5432, protocol: 'TCP', portName: 'postgres' }] : []),
      ...(pod === NGINX ? [{ from: NGINX, to: APP, port: 8081, protocol: 'TCP', portName: 'http' }] : []),
    ]),
  ],
};

function writeTemp(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('vibe graph', () => {
  it('prints the allowed flows as Mermaid by default', () => {
    const result = vibe(['graph', FIXTURE]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_MERMAID);
  });

  it('prints them as JSON with --format json', () => {
    const result = vibe(['graph', FIXTURE_FILE, '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED_JSON);
  });

  it('reads standard input for -', () => {
    const result = vibe(['graph', '-'], { input: fs.readFileSync(path.join(__dirname, 'graph-fixture', 'shop.yaml'), 'utf8') });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(EXPECTED_MERMAID);
  });

  it('takes the actors from --cluster-config: another prefix moves observability, so scraping and OTEL are closed', () => {
    const config = writeTemp('vibe.yaml', 'slug: shop\ncluster:\n  prefix: acme\n');
    const result = vibe(['graph', FIXTURE, '--cluster-config', config]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  actor_observability(["observability (acme-vibe-observability)"])\n');
    expect(result.stdout).not.toContain('actor_observability -->');
    expect(result.stdout).not.toContain('--> actor_otel_collector');
    expect(result.stdout).toContain('  actor_ingress_controller -->|"8080"| deployment_shop_nginx\n');
  });

  it('reads a cluster config written at the top level', () => {
    const config = writeTemp('cluster.yaml', 'ingressController:\n  namespace: ingress\n  podLabels: { app.kubernetes.io/name: traefik }\n');
    const result = vibe(['graph', FIXTURE, '--cluster-config', config]);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('actor_ingress_controller -->');
  });

  it('notes policies Kubernetes would refuse on stderr and still draws the graph', () => {
    const set = writeTemp('set.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: broken, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingres]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: c, ports: [{containerPort: 80}]}]\n');
    const result = vibe(['graph', set]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`note: ${set}:1: NetworkPolicy/broken would be refused by Kubernetes, so it isolates and allows nothing: spec.policyTypes[0]: got "Ingres"; allowed are Ingress and Egress.\n`);
    expect(result.stdout).toContain('  actor_internet -->|"80"| pod_p\n');
  });

  it.each([
    ['a missing path', ['graph', '/nonexistent/k8s'], '/nonexistent/k8s: does not exist. Pass existing manifest files or folders, e.g. k8s/'],
    ['a document that is not a Kubernetes object', ['graph', writeTemp('values.yaml', 'slug: shop\n')], /values\.yaml:1: is not a Kubernetes object: no apiVersion and no kind\./],
    ['a syntax error', ['graph', writeTemp('bad.yaml', 'apiVersion: v1\nkind: [\n')], /bad\.yaml:\d+:\d+: not valid YAML/],
    ['an unknown format', ['graph', FIXTURE, '--format', 'svg'], /argument 'svg' is invalid\. Allowed choices are mermaid, json/],
    ['no paths', ['graph'], /missing required argument 'paths'/],
    ['a missing cluster config', ['graph', FIXTURE, '--cluster-config', '/nonexistent/cluster.yaml'], '/nonexistent/cluster.yaml: does not exist. Example: --cluster-config cluster.yaml'],
    ['a bad cluster config value', ['graph', FIXTURE, '--cluster-config', writeTemp('c.yaml', 'cluster:\n  prefix: Not_A_Label\n')], /c\.yaml:2: cluster\.prefix: got "Not_A_Label" — must be lowercase letters/],
  ])('fails on %s with exit 2, one plain line and no stack', (_title, args, message) => {
    const result = vibe(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const [first, ...rest] = result.stderr.trimEnd().split('\n');
    if (typeof message === 'string') expect(first).toBe(message);
    else expect(first).toMatch(message);
    // Usage errors add commander's hint; nothing else may follow the one line.
    expect(rest.filter((line) => line !== '(run vibe --help for usage)')).toEqual([]);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('is listed in vibe --help', () => {
    expect(vibe(['--help']).stdout).toMatch(/graph \[options\] <paths\.\.\.>/);
  });
});
