import { APP, DB, DENY_ALL_INGRESS, deployment, modelOf, namespaceObject, NS, podNamed, policy, somePod, WEB } from './fixtures';
import { addressActor, clusterActors, podActor } from '../../src/network';

const { ingressController, internet, otherNamespace, observability, dns } = clusterActors();

/** A set where my-app is closed except for one ingress rule. */
function appOpenedBy(rule: object, extra: object[] = []) {
  return modelOf([APP, DB, WEB, DENY_ALL_INGRESS, policy('allow', { podSelector: { matchLabels: { app: 'my-app' } }, ingress: [rule] }), ...extra]);
}

describe('peers: who a rule lets in', () => {
  it('lets everyone in when from is absent or an empty list', () => {
    for (const rule of [{ ports: [{ port: 8081 }] }, { from: [], ports: [{ port: 8081 }] }]) {
      const model = appOpenedBy(rule);
      const app = podNamed(model, 'my-app');
      for (const source of [ingressController, internet, otherNamespace, podNamed(model, 'web')]) expect(model.allows(source, app, 8081)).toBe(true);
      expect(model.allows(internet, app, 8082)).toBe(false);
    }
  });

  it('fails to let anyone in through an allow whose podSelector has a typo (app: my-ap)', () => {
    const model = modelOf([APP, DB, DENY_ALL_INGRESS, policy('allow-app-to-db', { podSelector: { matchLabels: { app: 'my-db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'my-ap' } } }] }] })]);
    expect(model.allows(podNamed(model, 'my-app'), podNamed(model, 'my-db'), 5432)).toBe(false);
    expect(model.flows().filter((f) => f.to.type === 'pod')).toEqual([]);
  });

  it('lets a pod in with podSelector alone only from the policy namespace', () => {
    const model = appOpenedBy({ from: [{ podSelector: { matchLabels: { app: 'web' } } }] });
    const app = podNamed(model, 'my-app');
    expect(model.allows(podNamed(model, 'web'), app, 8081)).toBe(true);
    expect(model.allows(somePod('other', { app: 'web' }), app, 8081)).toBe(false);
    expect(model.allows(somePod(NS, { app: 'web' }), app, 8081)).toBe(true);
  });

  it('opens the pod to every namespace with namespaceSelector: {}', () => {
    const model = appOpenedBy({ from: [{ namespaceSelector: {} }] });
    const app = podNamed(model, 'my-app');
    for (const source of [otherNamespace, observability, ingressController, podNamed(model, 'web')]) expect(model.allows(source, app, 8081)).toBe(true);
    expect(model.allows(internet, app, 8081)).toBe(false);
  });

  it('ANDs namespaceSelector and podSelector in one peer', () => {
    const traefikOnly = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } };
    const model = appOpenedBy({ from: [traefikOnly] });
    const app = podNamed(model, 'my-app');
    expect(model.allows(ingressController, app, 8081)).toBe(true);
    expect(model.allows(dns, app, 8081)).toBe(false); // kube-system, other labels
    expect(model.allows(somePod('other', { 'app.kubernetes.io/name': 'traefik' }), app, 8081)).toBe(false); // right labels, other namespace
  });

  it('ORs namespaceSelector and podSelector written as two peers', () => {
    const model = appOpenedBy({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }, { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }] });
    const app = podNamed(model, 'my-app');
    expect(model.allows(ingressController, app, 8081)).toBe(true);
    expect(model.allows(dns, app, 8081)).toBe(true); // any pod of kube-system
    expect(model.allows(somePod(NS, { 'app.kubernetes.io/name': 'traefik' }), app, 8081)).toBe(true); // the label, in the policy namespace
    expect(model.allows(somePod('other', { 'app.kubernetes.io/name': 'traefik' }), app, 8081)).toBe(false);
  });

  it('matches namespaces by the labels of the Namespace object in the set, and always by the automatic name label', () => {
    const fromTeam = { from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] };
    const labelled = appOpenedBy(fromTeam, [namespaceObject(NS, { team: 'shop' })]);
    expect(labelled.allows(podNamed(labelled, 'web'), podNamed(labelled, 'my-app'), 8081)).toBe(true);
    const unlabelled = appOpenedBy(fromTeam);
    expect(unlabelled.allows(podNamed(unlabelled, 'web'), podNamed(unlabelled, 'my-app'), 8081)).toBe(false);
    const byName = appOpenedBy({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': NS } } }] });
    expect(byName.allows(podNamed(byName, 'web'), podNamed(byName, 'my-app'), 8081)).toBe(true);
  });

  it('ANDs matchLabels with matchExpressions: In, NotIn, Exists, DoesNotExist', () => {
    const peer = {
      podSelector: {
        matchLabels: { role: 'client' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'edge'] },
          { key: 'env', operator: 'NotIn', values: ['test'] },
          { key: 'team', operator: 'Exists' },
          { key: 'debug', operator: 'DoesNotExist' },
        ],
      },
    };
    const model = appOpenedBy({ from: [peer] });
    const app = podNamed(model, 'my-app');
    const base = { role: 'client', tier: 'front', team: 'a' };
    expect(model.allows(somePod(NS, base), app, 8081)).toBe(true);
    expect(model.allows(somePod(NS, { ...base, env: 'prod' }), app, 8081)).toBe(true);
    expect(model.allows(somePod(NS, { ...base, role: 'server' }), app, 8081)).toBe(false);
    expect(model.allows(somePod(NS, { ...base, tier: 'back' }), app, 8081)).toBe(false);
    expect(model.allows(somePod(NS, { ...base, env: 'test' }), app, 8081)).toBe(false);
    expect(model.allows(somePod(NS, { role: 'client', tier: 'front' }), app, 8081)).toBe(false);
    expect(model.allows(somePod(NS, { ...base, debug: 'true' }), app, 8081)).toBe(false);
  });

  it('matches the internet only through ipBlock, honouring except', () => {
    const model = appOpenedBy({ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] });
    const app = podNamed(model, 'my-app');
    const excluded = addressActor({ id: 'excluded', title: 'excluded', address: '203.0.113.200' });
    const outside = addressActor({ id: 'outside', title: 'outside', address: '198.51.100.1' });
    expect(model.allows(internet, app, 8081)).toBe(true);
    expect(model.allows(excluded, app, 8081)).toBe(false);
    expect(model.allows(outside, app, 8081)).toBe(false);
  });

  it('never matches a pod with an ipBlock, not even 0.0.0.0/0', () => {
    const model = appOpenedBy({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] });
    const app = podNamed(model, 'my-app');
    expect(model.allows(internet, app, 8081)).toBe(true);
    for (const pod of [podNamed(model, 'web'), otherNamespace, ingressController]) expect(model.allows(pod, app, 8081)).toBe(false);
  });

  it('matches IPv6 addresses against IPv6 blocks only', () => {
    const model = appOpenedBy({ from: [{ ipBlock: { cidr: '::/0' } }] });
    const app = podNamed(model, 'my-app');
    expect(model.allows(addressActor({ id: 'v6', title: 'v6', address: '2001:db8::1' }), app, 8081)).toBe(true);
    expect(model.allows(internet, app, 8081)).toBe(false);
  });
});

describe('ports: which ports a rule opens', () => {
  it('opens every port when ports is absent or empty', () => {
    for (const rule of [{ from: [{ podSelector: {} }] }, { from: [{ podSelector: {} }], ports: [] }]) {
      const model = appOpenedBy(rule);
      expect([8081, 8082].map((port) => model.allows(podNamed(model, 'web'), podNamed(model, 'my-app'), port))).toEqual([true, true]);
    }
  });

  it('opens a numbered port and only that one', () => {
    const model = appOpenedBy({ ports: [{ port: 8081 }] });
    expect([8081, 8082].map((port) => model.allows(internet, podNamed(model, 'my-app'), port))).toEqual([true, false]);
  });

  it('resolves a named port against the destination pod declared ports', () => {
    const both = modelOf([APP, WEB, DENY_ALL_INGRESS, policy('http', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })]);
    const [app, web] = [podNamed(both, 'my-app'), podNamed(both, 'web')];
    expect(both.allows(internet, app, 8081)).toBe(true); // app calls 8081 "http"
    expect(both.allows(internet, app, 8080)).toBe(false);
    expect(both.allows(internet, web, 8080)).toBe(true); // web calls 8080 "http"
    expect(both.allows(internet, web, 8081)).toBe(false);
  });

  it('fails to open anything with a port name no container declares', () => {
    const model = appOpenedBy({ ports: [{ port: 'metrics' }] });
    expect(model.flows().filter((f) => f.to.type === 'pod' && f.to.name === 'my-app')).toEqual([]);
  });

  it('opens the range port..endPort', () => {
    const model = appOpenedBy({ ports: [{ port: 8000, endPort: 8081 }] });
    const app = podNamed(model, 'my-app');
    expect([7999, 8000, 8081, 8082].map((port) => model.allows(internet, app, port))).toEqual([false, true, true, false]);
  });

  it('defaults the protocol to TCP', () => {
    const dnsServer = deployment('resolver', { app: 'resolver' }, [{ port: 53, name: 'dns', protocol: 'UDP' }, { port: 53, name: 'dns-tcp' }]);
    const tcpOnly = modelOf([dnsServer, DENY_ALL_INGRESS, policy('dns', { podSelector: {}, ingress: [{ ports: [{ port: 53 }] }] })]);
    const resolver = podNamed(tcpOnly, 'resolver');
    expect([tcpOnly.allows(internet, resolver, 53, 'TCP'), tcpOnly.allows(internet, resolver, 53, 'UDP')])
      .toEqual([true, false]);
    const udp = modelOf([dnsServer, DENY_ALL_INGRESS, policy('dns', { podSelector: {}, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })]);
    const udpResolver = podNamed(udp, 'resolver');
    expect([udp.allows(internet, udpResolver, 53, 'TCP'), udp.allows(internet, udpResolver, 53, 'UDP')]).toEqual([false, true]);
  });
});

describe('egress: what pods may reach outside the set', () => {
  const restricted = policy('restricted-egress', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 'dns', protocol: 'UDP' }, { port: 53 }] },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'platform-vibe-observability' } } }], ports: [{ port: 4317 }] },
      { to: [{ podSelector: {} }] },
    ],
  });

  it('checks each egress probe against the pod egress rules, named ports included', () => {
    const model = modelOf([APP, DB, restricted]);
    const probes = model.flows().filter((f) => f.to.type === 'actor' && f.from.id === 'shop/Deployment/my-app');
    expect(probes.map((f) => `${f.to.id}:${f.port}/${f.protocol}`)).toEqual(['dns:53/UDP', 'dns:53/TCP', 'otel-collector:4317/TCP']);
    expect(model.allows(podNamed(model, 'my-app'), podNamed(model, 'my-db'), 5432)).toBe(true);
  });

  it('lets the caller choose the actors and the probes', () => {
    const vault = podActor({ id: 'vault', title: 'vault', namespace: 'vault', ports: [{ port: 8200, protocol: 'TCP', name: 'api' }] });
    const egressProbes = [{ to: vault, port: 8200 }, { to: internet, port: 443 }];
    const model = modelOf([APP, restricted], { sources: [ingressController], egressProbes });
    expect(model.flows().map((f) => `${f.from.id}->${f.to.id}:${f.port}`)).toEqual([
      'ingress-controller->shop/Deployment/my-app:8081',
      'ingress-controller->shop/Deployment/my-app:8082',
    ]);
  });
});
