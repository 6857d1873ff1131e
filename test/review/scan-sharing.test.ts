import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { groupByApp } from '../../src/review/app-groups';
import { beginReviewScan, type ScannedTexts } from '../../src/review/checks/secrets-scan';
import { ReviewContext } from '../../src/review/context';
import { review, reviewApps } from '../../src/review/engine';

/** Every request the scanner posts to its secretlint worker: how many texts it carried. */
const mockWorkerCalls: number[] = [];
jest.mock('../../src/review/secrets/secretlint-client', () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.mock factories run before imports
  (require('../helpers/counting-secretlint-client') as typeof import('../helpers/counting-secretlint-client')).countingSecretlintClient(() => mockWorkerCalls),
);

const cluster = clusterConfigSchema.parse({});

/** An app folder: its Namespace, a ConfigMap with a credential, a Deployment with one in a plain env value. */
function appFiles(name: string): string {
  return [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${name}\ndata:\n  LOG_LEVEL: info\n  GITHUB_TOKEN: ghp_${'a1B2c3D4e5'.repeat(3)}abcdef\n`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: harbor.internal.example.com/${name}:1.0.0\n          env:\n            - name: DATABASE_URL\n              value: postgres://app:s3cr3t-${name}@db:5432/app\n            - name: LOG_LEVEL\n              value: info\n`,
  ].join('---\n');
}

const manifests = ['shop', 'blog', 'wiki'].flatMap((name) => parseManifests(appFiles(name), `apps/${name}/k8s.yaml`));

describe('the secret scan of a set of many apps', () => {
  beforeEach(() => {
    mockWorkerCalls.length = 0;
  });

  it('asks the worker once for the whole set, and each app gets the findings of its own review', () => {
    const apps = reviewApps({ manifests, cluster });
    expect(mockWorkerCalls).toHaveLength(1);
    const alone = groupByApp(manifests).map((group) => ({ ...review({ manifests: group.manifests, cluster }), namespace: group.namespace }));
    expect(apps.apps).toEqual(alone);
    // The credentials are found (E2 in the ConfigMaps, E5 in the env values), not lost with the scan.
    expect(apps.apps.map((app) => app.findings.filter((f) => f.id === 'E2' || f.id === 'E5').map((f) => f.id).sort())).toEqual([
      ['E2', 'E5'],
      ['E2', 'E5'],
      ['E2', 'E5'],
    ]);
  });

  it('takes the hits of texts scanned already from them, as a scan of its own would find them', () => {
    const context = new ReviewContext({ manifests, cluster });
    const sources = { configMaps: context.ofKind('ConfigMap'), containers: context.containers(), dockerfiles: [], logs: [] };
    const fresh = beginReviewScan(sources)();
    const scanned: ScannedTexts = new Map();
    beginReviewScan(sources, scanned)();
    const calls = mockWorkerCalls.length;
    const fromCache = beginReviewScan(sources, scanned)();
    expect(mockWorkerCalls).toHaveLength(calls);
    expect(fromCache).toEqual(fresh);
    expect([...fresh.env.values()].flat().length).toBeGreaterThan(0);
  });
});
