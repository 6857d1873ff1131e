import fc from 'fast-check';
import { stringify } from 'yaml';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { labelsOf } from '../../src/network/label-selector';
import { SCALE_TARGETS_EXIST } from '../../src/review/checks/consistency';
import { selectedWorkloads, serviceNamed } from '../../src/review/checks/ports';
import { ReviewContext } from '../../src/review/context';

/**
 * The context's indexes (objects by kind, namespace and name; workloads by namespace and pod
 * labels) must answer what a scan of every object answers: same objects, same order. Sets here
 * reuse names and labels across namespaces, and leave some objects without a namespace (they
 * land in the app namespace).
 */

const cluster = clusterConfigSchema.parse({});
const contextOf = (objects: readonly object[]) => new ReviewContext({ manifests: parseManifests(objects.map((o) => stringify(o)).join('---\n'), 'k8s/set.yaml'), cluster });

const NAMESPACES = ['shop', 'blog', undefined] as const;
const metadata = (name: string, namespace: string | undefined) => (namespace === undefined ? { name } : { name, namespace });
const deployment = (name: string, namespace: string | undefined, app: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: metadata(name, namespace),
  spec: { template: { metadata: { labels: { app, tier: 'web' } }, spec: { containers: [{ name: 'app', image: 'x:1' }] } } },
});
const service = (name: string, namespace: string | undefined, app: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: metadata(name, namespace), spec: { selector: { app }, ports: [{ port: 80 }] } });
const hpa = (name: string, namespace: string | undefined, target: string) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: metadata(name, namespace),
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target } },
});

const NAMES = ['web', 'db', 'api'];
/** Name, namespace (or none) and the app label a Service selects or an HPA's target. */
const placed = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMESPACES), fc.constantFrom(...NAMES));
const object = fc.oneof(
  placed.map(([name, namespace, app]) => deployment(name, namespace, app)),
  placed.map(([name, namespace, app]) => service(name, namespace, app)),
  placed.map(([name, namespace, target]) => hpa(name, namespace, target)),
);
const namespaceObject = fc.option(fc.constantFrom('shop', 'blog').map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), { nil: undefined });

/** What the checks did before the indexes: scan every object. */
const scanned = {
  namespaceOf: (context: ReviewContext, m: { namespace?: string }) => m.namespace ?? context.appNamespace ?? '',
  serviceNamed: (context: ReviewContext, name: string, namespace: string) =>
    context.ofKind('Service').find((s) => s.name === name && scanned.namespaceOf(context, s) === namespace),
  selectedWorkloads: (context: ReviewContext, selector: Record<string, string>, namespace: string) =>
    context.workloads().filter((w) => {
      const labels = labelsOf(w.podMetadata.labels);
      return scanned.namespaceOf(context, w.manifest) === namespace && Object.entries(selector).every(([k, v]) => labels[k] === v);
    }),
};

describe('ReviewContext indexes', () => {
  it('find the same Services, workloads and objects as a scan of every object', () => {
    fc.assert(
      fc.property(namespaceObject, fc.array(object, { maxLength: 12 }), (namespace, objects) => {
        const context = contextOf(namespace ? [namespace, ...objects] : objects);
        for (const ns of ['shop', 'blog', '']) {
          for (const name of NAMES) {
            expect(serviceNamed(context, name, ns)).toBe(scanned.serviceNamed(context, name, ns));
            expect(context.objectsNamed('HorizontalPodAutoscaler', ns, name)).toEqual(
              context.ofKind('HorizontalPodAutoscaler').filter((h) => h.name === name && scanned.namespaceOf(context, h) === ns),
            );
          }
          expect(context.ofKindIn('Deployment', ns)).toEqual(context.ofKind('Deployment').filter((d) => scanned.namespaceOf(context, d) === ns));
        }
        for (const s of context.ofKind('Service')) {
          const where = scanned.namespaceOf(context, s);
          const app = s.object.spec.selector.app;
          expect(selectedWorkloads(context, s)).toEqual(scanned.selectedWorkloads(context, { app }, where));
          expect(context.workloadsMatching(where, { app, tier: 'web' })).toEqual(scanned.selectedWorkloads(context, { app, tier: 'web' }, where));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tell same-name objects of two namespaces apart (N2: an autoscaler whose target is only in another namespace fails)', () => {
    const context = contextOf([deployment('web', 'shop', 'web'), hpa('web', 'blog', 'web'), hpa('web', 'shop', 'web')]);
    const results = SCALE_TARGETS_EXIST.run(context);
    expect(results.map((r) => [r.object?.namespace, r.status])).toEqual([
      ['blog', 'fail'],
      ['shop', 'pass'],
    ]);
  });

  it('put objects without a namespace in the app namespace', () => {
    const context = contextOf([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, service('web', undefined, 'web'), deployment('web', 'shop', 'web')]);
    const web = serviceNamed(context, 'web', 'shop');
    expect(web?.namespace).toBeUndefined();
    expect(selectedWorkloads(context, web!).map((w) => w.manifest.namespace)).toEqual(['shop']);
    expect(serviceNamed(context, 'web', 'blog')).toBeUndefined();
  });
});
