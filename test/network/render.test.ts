import { APP, DB, DENY_ALL_INGRESS, deployment, modelOf, policy } from './fixtures';
import { addressActor, podActor, toJson, toMermaid, type Flow } from '../../src/network';

const traefik = podActor({ id: 'ingress-controller', title: 'ingress controller (kube-system)', namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'traefik' } });
const dns = podActor({ id: 'dns', title: 'cluster DNS', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, protocol: 'TCP' }] });

/** app open to traefik on 8081, db open to app on 5432, everything may reach DNS. */
function smallModel() {
  return modelOf(
    [
      APP,
      DB,
      DENY_ALL_INGRESS,
      policy('traefik', { podSelector: { matchLabels: { app: 'my-app' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }], ports: [{ port: 8081 }] }] }),
      policy('db', { podSelector: { matchLabels: { app: 'my-db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'my-app' } } }] }] }),
    ],
    { sources: [traefik], egressProbes: [{ to: dns, port: 53, protocol: 'UDP' }, { to: dns, port: 53 }] },
  );
}

describe('toMermaid', () => {
  it('draws one node per workload and actor and one labelled edge per pair, in a fixed order', () => {
    const model = smallModel();
    expect(toMermaid(model.flows(), { endpoints: [traefik, ...model.pods] })).toBe(
      [
        'flowchart LR',
        '  actor_dns(["cluster DNS"])',
        '  actor_ingress_controller(["ingress controller (kube-system)"])',
        '  deployment_my_app["Deployment my-app"]',
        '  deployment_my_db["Deployment my-db"]',
        '  actor_ingress_controller -->|"8081"| deployment_my_app',
        '  deployment_my_app -->|"53/TCP, 53/UDP"| actor_dns',
        '  deployment_my_app -->|"5432"| deployment_my_db',
        '  deployment_my_db -->|"53/TCP, 53/UDP"| actor_dns',
        '',
      ].join('\n'),
    );
  });

  it('renders the same bytes whatever the order of the flows', () => {
    const flows = smallModel().flows();
    expect(toMermaid([...flows].reverse())).toBe(toMermaid(flows));
  });

  it('shows an endpoint without flows only when asked to', () => {
    const model = modelOf([APP, DENY_ALL_INGRESS], { sources: [], egressProbes: [] });
    expect(toMermaid(model.flows())).toBe('flowchart LR\n');
    expect(toMermaid(model.flows(), { endpoints: model.pods })).toBe('flowchart LR\n  deployment_my_app["Deployment my-app"]\n');
  });

  it('names namespaces when the set spans several, keeps ids unique and escapes quotes', () => {
    const twin = deployment('my-app', { app: 'twin' }, [{ port: 80 }], 'other');
    const model = modelOf([APP, twin], { sources: [addressActor({ id: 'a"b', title: 'say "hi"', address: '198.51.100.7' }), addressActor({ id: 'a_b', title: 'plain', address: '198.51.100.8' })], egressProbes: [] });
    const text = toMermaid(model.flows().filter((f) => f.from.type === 'actor'));
    expect(text).toContain('  actor_a_b(["say #quot;hi#quot;"])\n  actor_a_b_2(["plain"])\n');
    expect(text).toContain('  deployment_other_my_app["Deployment my-app (other)"]\n  deployment_shop_my_app["Deployment my-app (shop)"]\n');
  });
});

describe('toJson', () => {
  it('lists endpoints and flows by endpoint id, in the Mermaid order', () => {
    const model = smallModel();
    const json = JSON.parse(toJson(model.flows()));
    expect(json.endpoints).toEqual([
      { id: 'dns', type: 'actor', title: 'cluster DNS', namespace: 'kube-system' },
      { id: 'ingress-controller', type: 'actor', title: 'ingress controller (kube-system)', namespace: 'kube-system' },
      { id: 'shop/Deployment/my-app', type: 'pod', title: 'Deployment my-app', kind: 'Deployment', name: 'my-app', namespace: 'shop', source: 'set.yaml:1' },
      { id: 'shop/Deployment/my-db', type: 'pod', title: 'Deployment my-db', kind: 'Deployment', name: 'my-db', namespace: 'shop', source: 'set.yaml:23' },
    ]);
    expect(json.flows).toEqual([
      { from: 'ingress-controller', to: 'shop/Deployment/my-app', port: 8081, protocol: 'TCP', portName: 'http' },
      { from: 'shop/Deployment/my-app', to: 'dns', port: 53, protocol: 'TCP' },
      { from: 'shop/Deployment/my-app', to: 'dns', port: 53, protocol: 'UDP', portName: 'dns' },
      { from: 'shop/Deployment/my-app', to: 'shop/Deployment/my-db', port: 5432, protocol: 'TCP', portName: 'postgres' },
      { from: 'shop/Deployment/my-db', to: 'dns', port: 53, protocol: 'TCP' },
      { from: 'shop/Deployment/my-db', to: 'dns', port: 53, protocol: 'UDP', portName: 'dns' },
    ]);
  });

  it('writes an address actor with its address and an empty set as empty lists', () => {
    const internet = addressActor({ id: 'internet', title: 'the internet', address: '203.0.113.10' });
    const flows: Flow[] = [];
    expect(toJson(flows, { endpoints: [internet] })).toBe('{\n  "endpoints": [\n    {\n      "id": "internet",\n      "type": "actor",\n      "title": "the internet",\n      "address": "203.0.113.10"\n    }\n  ],\n  "flows": []\n}\n');
  });
});
