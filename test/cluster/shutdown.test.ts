import { STACK_LINE } from '../helpers/cli';
import { expectOneLineError, tempDir } from './helpers/files';
import { liveNamespace, type LiveNamespace } from './helpers/live-namespace';
import { vibeAsync } from './helpers/run';
import { StandIn, type K8sObject } from './helpers/stand-in';

// Runs the compiled CLI (lib/cli/main.js) against a stand-in API server: build with `npx tsc --build` first.
jest.setTimeout(60_000);

const REASON = 'G6: card numbers in the logs (INC-4711)';

/** The example's six Deployments as deployed (the app at its HPA minimum of 2), in name order. */
const DEPLOYMENTS = [
  ['inventory-checker-app', 2],
  ['inventory-checker-nginx', 2],
  ['inventory-checker-postgres', 1],
  ['inventory-checker-postgres-exporter', 1],
  ['inventory-checker-redis', 1],
  ['inventory-checker-redis-exporter', 1],
] as const;

function statefulSet(namespace: string, name: string, replicas: number): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: '4001', generation: 1 },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x' }] } } },
    status: { replicas, readyReplicas: replicas },
  };
}

describe('vibe shutdown', () => {
  let live: LiveNamespace;
  let standIn: StandIn;
  let kubeconfig: string;

  beforeEach(async () => {
    live = liveNamespace();
    live.state.objects.push(statefulSet(live.name, 'queue', 1), statefulSet(live.name, 'archive', 0));
    standIn = await StandIn.start(live.state);
    kubeconfig = standIn.kubeconfig(tempDir());
  });
  afterEach(async () => standIn.close());

  const shutdown = (...extra: string[]) => vibeAsync(['shutdown', '--namespace', live.name, '--reason', REASON, '--kubeconfig', kubeconfig, ...extra]);
  const scalePath = (plural: string, name: string) => `/apis/apps/v1/namespaces/${live.name}/${plural}/${name}/scale`;

  it('with --dry-run, prints what it would do and sends no write request', async () => {
    const result = await shutdown('--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(standIn.writes()).toEqual([]);
    expect(standIn.requests.map((r) => r.path)).toEqual([
      `/api/v1/namespaces/${live.name}`,
      `/apis/apps/v1/namespaces/${live.name}/deployments`,
      `/apis/apps/v1/namespaces/${live.name}/statefulsets`,
    ]);
    expect(result.stdout).toContain(`Dry run (nothing is changed): would shut down namespace ${live.name}`);
    for (const [name, replicas] of DEPLOYMENTS) expect(result.stdout).toContain(`  Deployment/${name}: would scale ${replicas} → 0 replicas\n`);
    expect(result.stdout).toContain('  StatefulSet/queue: would scale 1 → 0 replicas\n');
    expect(result.stdout).toContain('  StatefulSet/archive: already at 0 replicas\n');
    expect(result.stdout).toMatch(/ {2}Namespace\/\S+: would annotate vibe-env\.io\/shutdown-reason and vibe-env\.io\/shutdown-at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    expect(result.stdout).toContain('Dry run: would scale 7 workloads to 0 (1 already at 0) and annotate the namespace; nothing was changed.');
  });

  it('scales every Deployment and StatefulSet to 0 through the scale subresource, then annotates the namespace; a second run changes nothing', async () => {
    const before = Date.now();
    const result = await shutdown();
    const after = Date.now();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const writes = standIn.writes();
    const scaled = [...DEPLOYMENTS.map(([name]) => scalePath('deployments', name)), scalePath('statefulsets', 'queue')];
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([...scaled.map((p) => `PATCH ${p}`), `PATCH /api/v1/namespaces/${live.name}`]);
    for (const write of writes.slice(0, -1)) {
      expect(write.headers.contentType).toBe('application/merge-patch+json');
      expect(write.body).toEqual({ spec: { replicas: 0 } });
    }
    const annotate = writes[writes.length - 1];
    expect(annotate.headers.contentType).toBe('application/merge-patch+json');
    expect(annotate.body).toEqual({ metadata: { annotations: { 'vibe-env.io/shutdown-reason': REASON, 'vibe-env.io/shutdown-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) } } });
    const at = Date.parse((annotate.body as any).metadata.annotations['vibe-env.io/shutdown-at']);
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(after);
    expect(standIn.writes().some((w) => w.path.endsWith('/archive/scale'))).toBe(false);

    expect(result.stdout).toContain('  Deployment/inventory-checker-app: scaled 2 → 0 replicas\n');
    expect(result.stdout).toContain('  StatefulSet/archive: already at 0 replicas\n');
    expect(result.stdout).toContain('Done: 7 workloads scaled to 0, 1 already at 0; namespace annotated.');

    standIn.requests.length = 0;
    const again = await shutdown();
    expect(again.status).toBe(0);
    expect(standIn.writes()).toEqual([]);
    for (const [name] of DEPLOYMENTS) expect(again.stdout).toContain(`  Deployment/${name}: already at 0 replicas\n`);
    expect(again.stdout).toContain('  StatefulSet/queue: already at 0 replicas\n');
    expect(again.stdout).toContain(`Namespace/${live.name}: already annotated with this reason (shut down at `);
    expect(again.stdout).toContain('Nothing to do: every workload is at 0 and the namespace is annotated already (8 workloads).');
  });

  it('stops at a refused scale with the right it lacks (exit 2), having reported what it did', async () => {
    live.state.forbidden.push({ method: 'PATCH', path: /\/statefulsets\/queue\/scale$/ });
    const result = await shutdown();
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^Permission denied: you lack permission to patch statefulsets\\.apps/scale in namespace "${live.name}" \\(403 Forbidden from http://127\\.0\\.0\\.1:\\d+, context "stand-in"\\)`),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('  Deployment/inventory-checker-redis-exporter: scaled 1 → 0 replicas\n');
    expect(standIn.writes().some((w) => w.path === `/api/v1/namespaces/${live.name}`)).toBe(false);
  });

  it('names a namespace that does not exist (exit 2)', async () => {
    const result = await vibeAsync(['shutdown', '--namespace', 'platform-vibe-gone', '--reason', REASON, '--kubeconfig', kubeconfig]);
    expectOneLineError(result, /^Namespace "platform-vibe-gone" does not exist in the cluster at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\)\./);
    expect(standIn.writes()).toEqual([]);
  });

  it.each([
    ['no --reason', ['--namespace', 'shop'], /^--reason: is required/],
    ['no --namespace', ['--reason', 'x'], /^--namespace: is required/],
    ['a reason on two lines', ['--namespace', 'shop', '--reason', 'a\nb'], /^--reason: must be one line\.$/m],
  ])('refuses %s before contacting the cluster (exit 2)', async (_name, flags, message) => {
    const result = await vibeAsync(['shutdown', ...flags, '--kubeconfig', kubeconfig]);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
    expect(standIn.requests).toEqual([]);
  });
});
