import { APP, DB, DENY_ALL_INGRESS, deployment, modelOf, policy } from './fixtures';
import { everywhereRules, hasDefaultDenyIngress, isDefaultDenyIngress, selectsEveryPod, selectsNoPod } from '../../src/network';

describe('default-deny-ingress, by meaning (C1)', () => {
  it('finds a deny-all whatever its name', () => {
    const model = modelOf([APP, DB, DENY_ALL_INGRESS]);
    expect(isDefaultDenyIngress(model, model.policies[0])).toBe(true);
    expect(hasDefaultDenyIngress(model, 'shop')).toBe(true);
    expect(hasDefaultDenyIngress(model, 'elsewhere')).toBe(false);
  });

  it.each([
    ['it has an ingress rule', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }],
    ['it allows everyone (ingress: [{}])', { podSelector: {}, ingress: [{}] }],
    ['it selects only some pods', { podSelector: { matchLabels: { app: 'my-app' } } }],
    ['its only type is Egress', { podSelector: {}, policyTypes: ['Egress'] }],
    ['its selector skips an existing pod', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } }],
  ])('fails to count a policy named default-deny-ingress when %s', (_title, spec) => {
    const model = modelOf([APP, DB, policy('default-deny-ingress', spec)]);
    expect(hasDefaultDenyIngress(model, 'shop')).toBe(false);
  });

  it('counts a selector that matches every pod and any new pod, like DoesNotExist on an unused key', () => {
    const model = modelOf([APP, DB, policy('deny', { podSelector: { matchExpressions: [{ key: 'unused', operator: 'DoesNotExist' }] }, policyTypes: ['Ingress', 'Egress'] })]);
    expect(selectsEveryPod(model, model.policies[0])).toBe(true);
    expect(hasDefaultDenyIngress(model, 'shop')).toBe(true);
  });

  it('uses the set default namespace when none is given', () => {
    const model = modelOf([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'solo' } }, { ...DENY_ALL_INGRESS, metadata: { name: 'foo' } }]);
    expect(model.defaultNamespace).toBe('solo');
    expect(hasDefaultDenyIngress(model)).toBe(true);
  });
});

describe('a policy that selects no pod (C8)', () => {
  it('flags a selector with a typo and passes one that selects', () => {
    const model = modelOf([APP, DB, policy('typo', { podSelector: { matchLabels: { app: 'my-ap' } } }), policy('ok', { podSelector: { matchLabels: { app: 'my-app' } } })]);
    expect(model.policies.map((p) => [p.name, selectsNoPod(model, p)])).toEqual([['typo', true], ['ok', false]]);
  });
});

describe('rules that allow from everywhere (C7)', () => {
  const rulesOf = (spec: object) => {
    const model = modelOf([APP, policy('p', spec)]);
    return everywhereRules(model.policies[0]).map(({ direction, rule, peer, reason }) => ({ direction, rule, peer, reason }));
  };

  it('flags a rule without from, namespaceSelector: {}, a namespace NotIn list and a 0.0.0.0/0 block', () => {
    expect(rulesOf({ podSelector: {}, ingress: [{ ports: [{ port: 8081 }] }] })).toEqual([
      { direction: 'ingress', rule: 0, peer: undefined, reason: 'the rule has no "from", so it applies to every pod, namespace and address' },
    ]);
    expect(rulesOf({ podSelector: {}, ingress: [{ from: [{ podSelector: {} }, { namespaceSelector: {} }] }] })).toEqual([
      { direction: 'ingress', rule: 0, peer: 1, reason: 'the peer matches any pod in any namespace' },
    ]);
    expect(rulesOf({ podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } }] }] })).toHaveLength(1);
    expect(rulesOf({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })).toEqual([
      { direction: 'ingress', rule: 0, peer: 0, reason: 'the ipBlock spans every address' },
    ]);
    expect(rulesOf({ podSelector: {}, policyTypes: ['Egress'], egress: [{}] })).toEqual([
      { direction: 'egress', rule: 0, peer: undefined, reason: 'the rule has no "to", so it applies to every pod, namespace and address' },
    ]);
  });

  it('passes peers limited to a namespace, to labelled pods, or to a private range', () => {
    expect(rulesOf({
      podSelector: {},
      ingress: [{
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
          { namespaceSelector: {}, podSelector: { matchLabels: { app: 'scraper' } } },
          { podSelector: {} },
          { ipBlock: { cidr: '10.0.0.0/8' } },
        ],
      }],
    })).toEqual([]);
  });

  it('ignores rules of a direction the policy does not isolate', () => {
    expect(rulesOf({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] })).toEqual([]);
  });
});

describe('workloads', () => {
  it('reads the pod template of every workload kind, and native sidecar ports', () => {
    const template = (labels: object) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } });
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'shop', labels: { k: 'pod' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } },
      ...['StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ apiVersion: 'apps/v1', kind, metadata: { name: kind.toLowerCase(), namespace: 'shop' }, spec: { template: template({ k: kind }) } })),
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'shop' }, spec: { template: template({ k: 'rc' }) } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job', namespace: 'shop' }, spec: { template: template({ k: 'job' }) } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'shop' }, spec: { jobTemplate: { spec: { template: template({ k: 'cron' }) } } } },
      deployment('sidecar', { k: 'sidecar' }, []),
    ];
    const sidecar = objects[objects.length - 1] as any;
    sidecar.spec.template.spec.initContainers = [
      { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15001, name: 'proxy' }] },
      { name: 'migrate', ports: [{ containerPort: 9999 }] },
    ];
    const model = modelOf(objects);
    expect(model.pods.map((p) => [p.kind, p.labels.k, p.ports.map((q) => q.port)])).toEqual([
      ['Pod', 'pod', [80]],
      ['StatefulSet', 'StatefulSet', [80]],
      ['DaemonSet', 'DaemonSet', [80]],
      ['ReplicaSet', 'ReplicaSet', [80]],
      ['ReplicationController', 'rc', [80]],
      ['Job', 'job', [80]],
      ['CronJob', 'cron', [80]],
      ['Deployment', 'sidecar', [15001]],
    ]);
  });

  it('reports a workload without a pod template and leaves it out', () => {
    const model = modelOf([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'empty' } }]);
    expect(model.pods).toEqual([]);
    expect(model.problems.map((p) => p.message)).toEqual(['set.yaml:1: Deployment/empty has no pod template (spec); its pods are left out of the network graph.']);
  });

  it('puts objects without a namespace in "default" when the set has no single Namespace', () => {
    const model = modelOf([{ ...APP, metadata: { name: 'my-app' } }]);
    expect(model.pods.map((p) => p.id)).toEqual(['default/Deployment/my-app']);
  });
});
