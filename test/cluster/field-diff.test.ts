import { changedFields, describeField } from '../../src/cluster/field-diff';

// Pure comparison only: this module never loads the Kubernetes client.

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'shop-app', labels: { 'app.kubernetes.io/name': 'app' } },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'r/app:a3f91bc', ...container }] } }, ...extra },
});

describe('changedFields', () => {
  it('ignores what the API server adds or defaults: only the committed fields count', () => {
    const committed = deployment({ ports: [{ name: 'http', containerPort: 8081 }] });
    const live = deployment(
      { ports: [{ name: 'http', containerPort: 8081, protocol: 'TCP' }], imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' },
      { replicas: 3, progressDeadlineSeconds: 600 },
    );
    (live.metadata as any).uid = 'abc';
    (live.metadata.labels as any)['pod-template-hash'] = 'x';
    expect(changedFields(committed, live)).toEqual([]);
  });

  it('compares quantities by value (0.5 = 500m, 1024Mi = 1Gi) but other strings exactly', () => {
    const committed = deployment({ resources: { requests: { cpu: '0.5', memory: '1024Mi' } }, env: [{ name: 'RATIO', value: '0.5' }] });
    const live = deployment({ resources: { requests: { cpu: '500m', memory: '1Gi' } }, env: [{ name: 'RATIO', value: '500m' }] });
    expect(changedFields(committed, live)).toEqual([{ path: 'spec.template.spec.containers[app].env[RATIO].value', committed: '0.5', live: '500m' }]);
  });

  it('matches list items by their merge key: a changed image, an added and a removed container are named', () => {
    const committed = deployment({}, {});
    (committed.spec.template.spec.containers as unknown[]).push({ name: 'sidecar', image: 'r/nginx:1.27' });
    const live = deployment({ image: 'r/app:deadbee' });
    (live.spec.template.spec.containers as unknown[]).push({ name: 'debug', image: 'busybox' });
    expect(changedFields(committed, live)).toEqual([
      { path: 'spec.template.spec.containers[app].image', committed: 'r/app:a3f91bc', live: 'r/app:deadbee' },
      { path: 'spec.template.spec.containers[sidecar]', committed: { name: 'sidecar', image: 'r/nginx:1.27' }, live: undefined },
      { path: 'spec.template.spec.containers[debug]', committed: undefined, live: { name: 'debug', image: 'busybox' } },
    ]);
  });

  it('names label keys with dots as such, and skips the fields it is told to (a Secret\'s values)', () => {
    const committed = { apiVersion: 'v1', kind: 'Secret', metadata: { labels: { 'app.kubernetes.io/part-of': 'shop' } }, data: { A: 'YQ==' } };
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { labels: { 'app.kubernetes.io/part-of': 'other' } } };
    expect(changedFields(committed, live, ['data'])).toEqual([{ path: 'metadata.labels["app.kubernetes.io/part-of"]', committed: 'shop', live: 'other' }]);
  });

  it('compares lists without a merge key item by item, and treats an empty committed map or list as unset', () => {
    expect(changedFields({ spec: { args: ['--a', '--b'], selector: {} } }, { spec: { args: ['--a', '--c'] } })).toEqual([{ path: 'spec.args[1]', committed: '--b', live: '--c' }]);
    expect(changedFields({ spec: { args: ['--a'] } }, { spec: { args: ['--a', '--b'] } })).toEqual([{ path: 'spec.args', committed: ['--a'], live: ['--a', '--b'] }]);
  });
});

describe('describeField', () => {
  it('quotes text, shortens long values and says when a field is not set', () => {
    expect(describeField('x')).toBe('"x"');
    expect(describeField(2)).toBe('2');
    expect(describeField(undefined)).toBe('(not set)');
    expect(describeField('a'.repeat(200))).toHaveLength(80);
  });
});
