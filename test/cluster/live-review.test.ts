import { DEFAULTS_LINE, STACK_LINE } from '../helpers/cli';
import { tempDir } from './helpers/files';
import { cleanAppLog, liveNamespace, liveObject, type LiveNamespace } from './helpers/live-namespace';
import { vibeAsync } from './helpers/run';
import { StandIn } from './helpers/stand-in';

// Runs the compiled CLI (lib/cli/main.js) against a stand-in API server: build with `npx tsc --build` first.
jest.setTimeout(60_000);

const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';

/** Every collection `vibe review --live` must read, as the API server serves them. */
const LIST_PATHS = (ns: string) => [
  `/apis/apps/v1/namespaces/${ns}/deployments`,
  `/apis/apps/v1/namespaces/${ns}/statefulsets`,
  `/apis/apps/v1/namespaces/${ns}/daemonsets`,
  `/apis/batch/v1/namespaces/${ns}/jobs`,
  `/apis/batch/v1/namespaces/${ns}/cronjobs`,
  `/api/v1/namespaces/${ns}/pods`,
  `/api/v1/namespaces/${ns}/services`,
  `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`,
  `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`,
  `/api/v1/namespaces/${ns}/configmaps`,
  `/api/v1/namespaces/${ns}/secrets`,
  `/apis/bitnami.com/v1alpha1/namespaces/${ns}/sealedsecrets`,
  `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
  `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`,
  `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`,
  `/api/v1/namespaces/${ns}/serviceaccounts`,
];

describe('vibe review --live', () => {
  let live: LiveNamespace;
  let standIn: StandIn;
  let kubeconfig: string;
  let appPod: string;

  beforeEach(async () => {
    live = liveNamespace();
    appPod = live.pods.get('Deployment/inventory-checker-app')![0];
    standIn = await StandIn.start(live.state);
    kubeconfig = standIn.kubeconfig(tempDir());
  });
  afterEach(async () => standIn.close());

  const review = (...extra: string[]) => vibeAsync(['review', '--live', '--namespace', live.name, '--kubeconfig', kubeconfig, ...extra]);

  it('reads a namespace with no Secret at all: the server sends an empty metadata-only list as items: null', async () => {
    live.state.objects.splice(0, live.state.objects.length, ...live.state.objects.filter((o) => o.kind !== 'Secret'));
    const result = await review();
    expect(result.stderr).not.toMatch(/without a list of items/);
    expect(result.status).not.toBe(2);
    expect(standIn.requests.some((r) => r.path.endsWith('/secrets'))).toBe(true);
  });

  it('passes a clean namespace (exit 0) after reading its objects, the app pod\'s recent logs and its /metrics, with GETs only', async () => {
    const result = await review();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${DEFAULTS_LINE}\n✅ App "Inventory Checker" passed all platform contract checks. Ready to deploy.\n`);
    expect(result.status).toBe(0);

    const ns = live.name;
    expect(standIn.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(standIn.requests.every((r) => r.headers.authorization === 'Bearer stand-in-token')).toBe(true);
    const paths = standIn.requests.map((r) => r.path);
    expect(paths[0]).toBe(`/api/v1/namespaces/${ns}`);
    expect(new Set(paths)).toEqual(
      new Set([
        `/api/v1/namespaces/${ns}`,
        ...LIST_PATHS(ns),
        `/api/v1/namespaces/${ns}/pods/${appPod}/log`,
        `/api/v1/namespaces/${ns}/pods/${appPod}:8081/proxy/metrics`,
      ]),
    );
    // Lists are paged; Secrets are read as metadata only, so their values never reach vibe.
    for (const list of standIn.requests.filter((r) => LIST_PATHS(ns).includes(r.path))) expect(list.query).toEqual({ limit: '500' });
    expect(standIn.requests.find((r) => r.path.endsWith('/secrets'))!.headers.accept).toContain('as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
    // Only the app's pod (app.kubernetes.io/component: application): its last 200 lines.
    const logs = standIn.requests.filter((r) => r.path.endsWith('/log'));
    expect(logs).toHaveLength(1);
    expect(logs[0].query).toMatchObject({ container: 'app', tailLines: '200', timestamps: 'true' });
  });

  it('reviews the live objects themselves: an image changed in the cluster is a finding at live:<ns>/<kind>/<name>', async () => {
    liveObject(live.state, 'Deployment', 'inventory-checker-nginx').spec.template.spec.containers[0].image = 'nginx:latest';
    const result = await review('--format', 'json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    const a1 = report.findings.filter((f: { id: string }) => f.id === 'A1');
    expect(a1).toEqual([expect.objectContaining({ file: `live:${live.name}/Deployment/inventory-checker-nginx`, line: 1, kind: 'Deployment', name: 'inventory-checker-nginx' })]);
  });

  it('reports PII in the app\'s logs as G6 with a SECURITY INCIDENT block, and an HTML /metrics as G2 — never the values (exit 1)', async () => {
    const planted = JSON.stringify({ time: '2026-03-14T09:26:13.000Z', level: 'info', msg: `order placed by ${EMAIL}, card ${CARD}` });
    live.state.logs.set(`${live.name}/${appPod}/app`, cleanAppLog([planted]));
    live.state.metrics.set(`${live.name}/${appPod}:8081/metrics`, { status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><body><h1>Inventory</h1></body></html>\n' });

    const result = await review();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ {2}\[G6\] .*e-mail address.*$/m);
    expect(result.stdout).toMatch(/^ {2}\[G6\] .*card number.*$/m);
    expect(result.stdout).toMatch(new RegExp(`^ {2}\\[G2\\] .*${live.name}/${appPod}:8081/metrics.*$`, 'm'));

    const incident = result.stderr;
    expect(incident).toContain(`SECURITY INCIDENT in namespace ${live.name}`);
    expect(incident).toMatch(new RegExp(`pod ${appPod}, line 4 \\(logged at 2026-03-14T09:26:\\d\\d\\.\\d+Z\\): e-mail address \\[pattern email\\]`));
    expect(incident).toMatch(new RegExp(`pod ${appPod}, line 4 .*: card number \\[pattern card-number\\]`));
    expect(incident).toContain(`vibe shutdown --namespace ${live.name}`);
    expect(incident).not.toMatch(STACK_LINE);
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(EMAIL);
      expect(output).not.toContain('jane.doe');
      expect(output).not.toContain(CARD);
      expect(output).not.toContain(CARD.replace(/ /g, ''));
      expect(output).not.toContain('4111 1111');
    }
  });

  it('prints no incident block when the logs are clean but the metrics are not (G2 only)', async () => {
    live.state.metrics.set(`${live.name}/${appPod}:8081/metrics`, { status: 200, contentType: 'text/html', body: '<html></html>' });
    const result = await review();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('[G2]');
    expect(result.stdout).not.toContain('[G6]');
    expect(result.stderr).toBe('');
  });

  it.each([
    ['--live without --namespace', ['review', '--live'], /^--namespace: is required with --live/],
    ['--namespace without --live', ['review', '--namespace', 'shop', 'k8s/'], /^--namespace: only applies to a live review; add --live/],
    ['--live with manifest paths', ['review', '--live', '--namespace', 'shop', 'k8s/'], /^paths: a live review reads the namespace, not files/],
    ['--live with --logs', ['review', '--live', '--namespace', 'shop', '--logs', 'app.log'], /^--logs: cannot be combined with --live/],
  ])('refuses %s before contacting the cluster (exit 2)', async (_name, args, message) => {
    const result = await vibeAsync([...args, '--kubeconfig', kubeconfig]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.status).toBe(2);
    expect(standIn.requests).toEqual([]);
  });
});
