import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_LINE } from '../helpers/cli';
import { expectOneLineError, tempDir } from './helpers/files';
import { EXAMPLE_K8S, liveNamespace, liveObject, type LiveNamespace } from './helpers/live-namespace';
import { vibeAsync } from './helpers/run';
import { StandIn } from './helpers/stand-in';

// Runs the compiled CLI (lib/cli/main.js) against a stand-in API server: build with `npx tsc --build` first.
jest.setTimeout(60_000);

const K8S = path.relative(process.cwd(), EXAMPLE_K8S);
const MANAGED = 'app.kubernetes.io/managed-by=vibe-env';

describe('vibe diff', () => {
  let live: LiveNamespace;
  let standIn: StandIn;
  let kubeconfig: string;

  beforeEach(async () => {
    live = liveNamespace();
    standIn = await StandIn.start(live.state);
    kubeconfig = standIn.kubeconfig(tempDir());
  });
  afterEach(async () => standIn.close());

  const diff = (...extra: string[]) => vibeAsync(['diff', K8S, '--kubeconfig', kubeconfig, ...extra]);

  it('finds no drift when the namespace runs what is committed, whatever the API server added (exit 0)', async () => {
    const result = await diff();
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^No drift: the 30 committed objects match namespace platform-vibe-inventory-checker at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\)\.\n$/);
    expect(result.status).toBe(0);

    expect(standIn.writes()).toEqual([]);
    const ns = live.name;
    const byPath = new Map(standIn.requests.map((r) => [r.path, r.query]));
    expect(standIn.requests[0].path).toBe(`/api/v1/namespaces/${ns}`);
    // The committed kinds are read whole; the others only where labelled as vibe-env's.
    expect(byPath.get(`/apis/apps/v1/namespaces/${ns}/deployments`)).toEqual({ limit: '500' });
    expect(byPath.get(`/api/v1/namespaces/${ns}/configmaps`)).toEqual({ limit: '500' });
    expect(byPath.get(`/apis/bitnami.com/v1alpha1/namespaces/${ns}/sealedsecrets`)).toEqual({ limit: '500' });
    expect(byPath.get(`/apis/apps/v1/namespaces/${ns}/statefulsets`)).toEqual({ limit: '500', labelSelector: MANAGED });
    expect(byPath.get(`/api/v1/namespaces/${ns}/pods`)).toEqual({ limit: '500', labelSelector: MANAGED });
    expect(byPath.get(`/api/v1/namespaces/${ns}/secrets`)).toEqual({ limit: '500', labelSelector: MANAGED });
  });

  it('lists a changed replica count and image, a missing object and an extra one (exit 1)', async () => {
    liveObject(live.state, 'Deployment', 'inventory-checker-nginx').spec.replicas = 5;
    liveObject(live.state, 'Deployment', 'inventory-checker-app').spec.template.spec.containers[0].image = 'harbor.internal.example.com/inventory-checker-app:deadbee';
    live.state.objects.splice(live.state.objects.indexOf(liveObject(live.state, 'Service', 'inventory-checker-redis')), 1);
    live.state.objects.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'debug-shell', namespace: live.name, labels: { 'app.kubernetes.io/managed-by': 'vibe-env' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'debug' } }, template: { metadata: { labels: { app: 'debug' } }, spec: { containers: [{ name: 'sh', image: 'busybox' }] } } },
    });

    const result = await diff();
    expect(result.status).toBe(1);
    const file = (name: string) => path.join(K8S, name).replace(/[.]/g, '\\.');
    expect(result.stdout).toMatch(new RegExp(
      [
        '^Drift in namespace platform-vibe-inventory-checker at http://127\\.0\\.0\\.1:\\d+ \\(context "stand-in"\\):',
        '',
        'Missing in the cluster \\(ArgoCD would create them\\):',
        `  - Service/inventory-checker-redis  \\(${file('06-redis.yaml')}:\\d+\\)`,
        '',
        'Extra in the cluster, not committed \\(ArgoCD with prune would delete them\\):',
        '  \\+ StatefulSet/debug-shell',
        '',
        'Changed in the cluster \\(ArgoCD selfHeal would revert them\\):',
        `  ~ Deployment/inventory-checker-app  \\(${file('08-app.yaml')}:\\d+\\)`,
        '      spec\\.template\\.spec\\.containers\\[app\\]\\.image: committed "harbor\\.internal\\.example\\.com/inventory-checker-app:a3f91bc", live "harbor\\.internal\\.example\\.com/inventory-checker-app:deadbee"',
        `  ~ Deployment/inventory-checker-nginx  \\(${file('09-nginx.yaml')}:\\d+\\)`,
        '      spec\\.replicas: committed 2, live 5',
        '',
        '4 objects differ from the committed manifests \\(1 missing, 1 extra, 2 changed\\)\\.',
        '$',
      ].join('\n'),
    ));
    expect(standIn.writes()).toEqual([]);
  });

  it('reports a label someone edited by its key, and ignores objects the cluster made', async () => {
    liveObject(live.state, 'ConfigMap', 'inventory-checker-config').metadata.labels['app.kubernetes.io/part-of'] = 'something-else';
    const result = await diff();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('      metadata.labels["app.kubernetes.io/part-of"]: committed "inventory-checker", live "something-else"\n');
    // kube-root-ca.crt, the default ServiceAccount, the pods and the unsealed Secret are the cluster's, not drift.
    expect(result.stdout).not.toMatch(/kube-root-ca|ServiceAccount\/default|Pod\/|Secret\//);
    expect(result.stdout).toContain('1 object differs from the committed manifests (1 changed).');
  });

  it('names a namespace that does not exist in the cluster (exit 2)', async () => {
    live.state.namespaces.clear();
    const result = await diff();
    expectOneLineError(result, /^Namespace "platform-vibe-inventory-checker" does not exist in the cluster at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\)\./);
  });

  it('refuses a --namespace none of the manifests belongs to, before contacting the cluster (exit 2)', async () => {
    const result = await diff('--namespace', 'platform-vibe-elsewhere');
    expectOneLineError(result, /^--namespace: none of the 30 committed objects is compared in namespace "platform-vibe-elsewhere" \(they name "platform-vibe-inventory-checker"\)/);
    expect(standIn.requests).toEqual([]);
  });

  it('refuses manifests it cannot read before contacting the cluster (exit 2)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [unclosed\n');
    for (const target of [path.join(dir, 'missing'), dir]) {
      const result = await vibeAsync(['diff', target, '--kubeconfig', kubeconfig]);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.status).toBe(2);
    }
    expect(standIn.requests).toEqual([]);
  });
});
