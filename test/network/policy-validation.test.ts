import { APP, DENY_ALL_INGRESS, modelOf, podNamed, policy } from './fixtures';
import { clusterActors } from '../../src/network';

const { internet } = clusterActors();

describe('policies Kubernetes would refuse or read differently', () => {
  it.each([
    ['an unknown operator', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }, /spec\.podSelector\.matchExpressions\[0\]\.operator: got "Equals"; allowed are In, NotIn, Exists, DoesNotExist/],
    ['In without values', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }, /values: must not be empty for In/],
    ['Exists with values', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } }, /values: must be empty for Exists/],
    ['an unknown policy type', { podSelector: {}, policyTypes: ['Ingres'] }, /spec\.policyTypes\[0\]: got "Ingres"; allowed are Ingress and Egress/],
    ['an ipBlock mixed with a selector', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }, /from\[0\]: ipBlock cannot be combined/],
    ['an empty peer', { podSelector: {}, ingress: [{ from: [{}] }] }, /from\[0\]: must set podSelector, namespaceSelector or ipBlock/],
    ['a bad CIDR', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.300/8' } }] }] }, /ipBlock\.cidr: got "10\.0\.0\.300\/8"; expected a CIDR/],
    ['an except outside the cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }] }, /except\[0\]: 10\.1\.0\.0\/24 must be a strict subset of cidr 10\.0\.0\.0\/16/],
    ['a quoted port number', { podSelector: {}, ingress: [{ ports: [{ port: '8081' }] }] }, /ports\[0\]\.port: got "8081"; a port name is at most 15/],
    ['an endPort below port', { podSelector: {}, ingress: [{ ports: [{ port: 9000, endPort: 8000 }] }] }, /endPort: got 8000; expected a port from 9000 to 65535/],
    ['an endPort with a named port', { podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 8000 }] }] }, /endPort: works only with a numeric port/],
    ['an unknown protocol', { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'HTTP' }] }] }, /protocol: got "HTTP"; allowed are TCP, UDP, SCTP/],
    ['from written as a map', { podSelector: {}, ingress: [{ from: { podSelector: {} } }] }, /ingress\[0\]\.from: must be a list/],
  ])('fails to isolate with %s: the policy does not exist, and is reported', (_title, spec, message) => {
    const model = modelOf([APP, policy('broken', spec)]);
    expect(model.policies).toEqual([]);
    expect(model.isolatedForIngress(podNamed(model, 'my-app'))).toBe(false);
    expect(model.problems).toHaveLength(1);
    expect(model.problems[0].message).toMatch(/^set\.yaml:\d+: NetworkPolicy\/broken would be refused by Kubernetes, so it isolates and allows nothing: /);
    expect(model.problems[0].message).toMatch(message);
  });

  it('ignores unknown fields as the API server drops them, and says so with a suggestion', () => {
    const model = modelOf([APP, policy('typo', { podSelector: { matchLabels: { app: 'my-app' } }, ingres: [{ ports: [{ port: 8081 }] }] })]);
    expect(model.isolatedForIngress(podNamed(model, 'my-app'))).toBe(true);
    expect(model.allows(internet, podNamed(model, 'my-app'), 8081)).toBe(false);
    expect(model.problems.map((p) => p.message)).toEqual(['set.yaml:23: NetworkPolicy/typo: unknown field spec.ingres is ignored by Kubernetes. Did you mean "ingress"?']);
  });

  it('does not evaluate other NetworkPolicy APIs, and says so', () => {
    const calico = { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'calico', namespace: 'shop' }, spec: { selector: 'all()' } };
    const model = modelOf([APP, calico, { ...DENY_ALL_INGRESS, apiVersion: 'networking.k8s.io/v1beta1' }]);
    expect(model.policies).toEqual([]);
    expect(model.problems.map((p) => p.message)).toEqual([
      'set.yaml:23: crd.projectcalico.org/v1 NetworkPolicy/calico is not a networking.k8s.io/v1 NetworkPolicy; its rules are not evaluated.',
      'set.yaml:31: networking.k8s.io/v1beta1 NetworkPolicy/foo is not a networking.k8s.io/v1 NetworkPolicy; its rules are not evaluated.',
    ]);
  });

  it('reads an unquoted number in matchLabels as the label text', () => {
    const model = modelOf([APP, DENY_ALL_INGRESS, policy('v2', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { version: 2 } } }] }] })]);
    const caller = { ...podNamed(model, 'my-app'), id: 'shop/Deployment/v2', labels: { version: '2' } };
    expect(model.allows(caller, podNamed(model, 'my-app'), 8081)).toBe(true);
  });
});
