import * as path from 'node:path';
import { readManifestFolder } from '../cluster/helpers/live-namespace';
import { vibeAsync } from '../cluster/helpers/run';
import { DEFAULTS_LINE, STACK_LINE, type CliResult } from '../helpers/cli';
import { clusterDescribe, useCluster } from './helpers/cluster-suite';
import { expectOk, type KubeClient, type KubeObject } from './helpers/kube-client';
import { applySealedSecretCrd } from './helpers/sealed-secrets-controller';

/**
 * The cluster commands against a real kube-apiserver: the example app applied as ArgoCD would
 * (server-side apply), then `vibe review --live`, `vibe diff` and `vibe shutdown` on it, and a
 * user without rights. Logs and /metrics need a kubelet; those stay on the stand-in (test/cluster/).
 */
const { describeCluster, binaries } = clusterDescribe(__filename);
const EXAMPLE = path.resolve(__dirname, '..', 'golden', 'inventory-checker');
const NAMESPACE = 'platform-vibe-inventory-checker';
const APP = 'inventory-checker-app';

async function applyFolder(admin: KubeClient): Promise<void> {
  for (const object of readManifestFolder(EXAMPLE) as KubeObject[]) {
    expectOk(await admin.apply(object, { fieldManager: 'argocd-controller' }), `applying ${object.kind}/${object.metadata.name}`);
  }
}

/** The one plain line a refused command prints, exit 2. */
function oneLineError(result: CliResult): string {
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
  return result.stderr.trim();
}

/** What `kubectl auth can-i <verb> <resource> -n <ns>` answers for this client (a SelfSubjectAccessReview). */
async function canI(client: KubeClient, verb: string, resource: string, namespace: string): Promise<boolean> {
  const [name, subresource] = resource.split('/');
  const review = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb, resource: name.split('.')[0], group: name.split('.').slice(1).join('.'), subresource, namespace } },
  };
  return Boolean(expectOk(await client.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', review), 'can-i').body.status.allowed);
}

describeCluster('vibe review --live, vibe diff and vibe shutdown on a real API server', () => {
  const cluster = useCluster(binaries, async (c) => {
    await applySealedSecretCrd(c.client());
    await applyFolder(c.client());
  });
  const run = (user: 'admin' | 'restricted', ...args: string[]) => vibeAsync([...args, '--kubeconfig', cluster().kubeconfig(user)], { timeoutMs: 60_000 });

  it('review --live passes the namespace as applied', async () => {
    const result = await run('admin', 'review', '--live', '--namespace', NAMESPACE);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${DEFAULTS_LINE}\n✅ App "Inventory Checker" passed all platform contract checks. Ready to deploy.\n`);
    expect(result.status).toBe(0);
  });

  it('diff finds no drift right after the apply, finds a manual change, and none again once the committed manifests are re-applied', async () => {
    const admin = cluster().client();
    const clean = await run('admin', 'diff', EXAMPLE);
    expect(clean.stdout).toMatch(/^No drift: the \d+ committed objects match namespace platform-vibe-inventory-checker/);
    expect(clean.status).toBe(0);

    // Someone edits the live Deployment by hand (kubectl set env / edit): a strategic merge patch.
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'DEBUG', value: 'true' }] }] } } } };
    const path_ = `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${APP}?fieldManager=kubectl-edit`;
    expectOk(await admin.request('PATCH', path_, patch, 'application/strategic-merge-patch+json'), 'the manual change');
    const drift = await run('admin', 'diff', EXAMPLE);
    expect(drift.stdout).toContain(`Deployment/${APP}`);
    expect(drift.stdout).toContain('DEBUG');
    expect(drift.status).toBe(1);

    // ArgoCD's selfHeal: the committed manifests applied again, the hand-added variable removed.
    expectOk(await admin.request('PATCH', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${APP}?fieldManager=kubectl-edit`,
      [{ op: 'remove', path: '/spec/template/spec/containers/0/env' }], 'application/json-patch+json'), 'undoing the change');
    await applyFolder(admin);
    const healed = await run('admin', 'diff', EXAMPLE);
    expect(healed.stdout).toMatch(/^No drift/);
    expect(healed.status).toBe(0);
  });

  it('review --live refuses a live change the gate refuses', async () => {
    const admin = cluster().client();
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'harbor.internal.example.com/inventory-checker-app:latest' }] } } } };
    expectOk(await admin.request('PATCH', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${APP}?fieldManager=kubectl-edit`, patch, 'application/strategic-merge-patch+json'), 'the manual change');
    try {
      const result = await run('admin', 'review', '--live', '--namespace', NAMESPACE);
      expect(result.stdout).toContain('latest');
      expect(result.status).toBe(1);
    } finally {
      await applyFolder(admin);
    }
  });

  it('fails for a user without rights with one plain line naming the right, which kubectl auth can-i confirms; granted, the command moves on', async () => {
    const admin = cluster().client();
    const restricted = cluster().client('restricted');
    const canIPattern = /kubectl auth can-i (\S+) (\S+) -n (\S+)/;
    for (const args of [['review', '--live', '--namespace', NAMESPACE], ['diff', EXAMPLE], ['shutdown', '-n', NAMESPACE, '--reason', 'test', '--dry-run']]) {
      const line = oneLineError(await run('restricted', ...args));
      expect(line).toMatch(/^Permission denied: you lack permission to get namespaces/);
      const [, verb, resource, ns] = canIPattern.exec(line)!;
      expect(await canI(restricted, verb, resource, ns)).toBe(false);
    }
    // Grant that one right: the next refusal names another, also really missing.
    expectOk(await admin.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'get-namespaces' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }],
    } as KubeObject), 'role');
    expectOk(await admin.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'restricted-get-namespaces' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'get-namespaces' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'vibe-test-restricted' }],
    } as KubeObject), 'binding');
    let next = '';
    for (let i = 0; i < 20 && !next; i++) {
      const line = oneLineError(await run('restricted', 'review', '--live', '--namespace', NAMESPACE));
      if (!/get namespaces/.test(line)) next = line; // RBAC caches for a moment
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(next).toMatch(/^Permission denied: you lack permission to (list|get) /);
    const [, verb, resource, ns] = canIPattern.exec(next)!;
    expect(await canI(restricted, verb, resource, ns)).toBe(false);
    expect(await canI(restricted, 'get', 'namespaces', ns)).toBe(true);
  });

  it('shutdown scales every Deployment to 0 through the scale subresource, annotates the namespace, and is idempotent', async () => {
    const admin = cluster().client();
    // The user may patch deployments/scale but not deployments: success proves the subresource was used.
    expectOk(await admin.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'shutdown-only', namespace: NAMESPACE },
      rules: [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list'] },
        { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['patch'] },
      ],
    } as KubeObject), 'role');
    expectOk(await admin.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'restricted-shutdown', namespace: NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'shutdown-only' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'vibe-test-restricted' }],
    } as KubeObject), 'binding');
    expect(await canI(cluster().client('restricted'), 'patch', 'deployments.apps', NAMESPACE)).toBe(false);

    const deployments = async () => expectOk(await admin.request('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`), 'list').body.items as any[];
    const dryRun = await run('restricted', 'shutdown', '-n', NAMESPACE, '--reason', 'G6: card numbers in logs', '--dry-run');
    expect(dryRun.stderr).toBe('');
    expect(dryRun.status).toBe(0);
    expect((await deployments()).every((d) => d.spec.replicas > 0)).toBe(true);

    const first = await run('restricted', 'shutdown', '-n', NAMESPACE, '--reason', 'G6: card numbers in logs');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Done: 6 workloads scaled to 0/);
    expect(first.status).toBe(0);
    const after = await deployments();
    expect(after.map((d) => [d.metadata.name, d.spec.replicas])).toEqual(after.map((d) => [d.metadata.name, 0]));
    const ns = expectOk(await admin.get('v1', 'Namespace', NAMESPACE), 'namespace').body;
    expect(ns.metadata.annotations['vibe-env.io/shutdown-reason']).toBe('G6: card numbers in logs');

    const again = await run('restricted', 'shutdown', '-n', NAMESPACE, '--reason', 'G6: card numbers in logs');
    expect(again.stdout).toMatch(/Nothing to do: every workload is at 0/);
    expect(again.status).toBe(0);
  });
});
