import * as os from 'node:os';
import * as path from 'node:path';
import { VibeApp, type VibeAppProps } from '../../src';
import { addressActor, clusterActors, NetworkModel, type ActorEndpoint, type ClusterActors, type Endpoint, type PodEndpoint } from '../../src/network';
import { manifestsOf } from '../helpers/render';

/**
 * The proof that 01-network-policies.yaml means what the library intends: for every component
 * combination, the flows the NetworkPolicy evaluator finds in our own synthesized output are
 * exactly the flows `intendedFlows` lists (the list the policies are generated from) — no more,
 * no less — and, with restricted egress, exactly DNS, the OTEL collector and the creator's
 * allow-list leave the namespace.
 */

type Database = 'postgres' | 'mongo' | 'none';
type Egress = 'open' | 'restricted' | 'restricted-with-allowance';

interface Combination {
  readonly database: Database;
  readonly redis: boolean;
  readonly rabbitmq: boolean;
  readonly nginx: boolean;
  readonly ingress: boolean;
  readonly egress: Egress;
}

/** An address the creator allows the app to reach (outside the cluster, not the "internet" actor's). */
const ALLOWANCE = { cidr: '198.51.100.0/24', ports: [443, 8443], purpose: 'payments-api' } as const;
const ALLOWED_ADDRESS = addressActor({ id: 'payments-api', title: 'payments API (198.51.100.7)', address: '198.51.100.7' });
/** An address that no policy of ours names: private, outside the allowance. */
const PRIVATE_ADDRESS = addressActor({ id: 'private-host', title: 'a private host (10.1.2.3)', address: '10.1.2.3' });

const COMBINATIONS: Combination[] = [];
for (const database of ['postgres', 'mongo', 'none'] as const) {
  for (const redis of [false, true]) {
    for (const rabbitmq of [false, true]) {
      for (const nginx of [false, true]) {
        for (const ingress of [false, true]) {
          for (const egress of ['open', 'restricted', 'restricted-with-allowance'] as const) COMBINATIONS.push({ database, redis, rabbitmq, nginx, ingress, egress });
        }
      }
    }
  }
}

function propsOf(c: Combination): VibeAppProps {
  return {
    slug: 'shop',
    image: { repository: 'shop-app', tag: 'a3f91bc' },
    components: {
      postgres: c.database === 'postgres',
      mongo: c.database === 'mongo',
      redis: c.redis,
      rabbitmq: c.rabbitmq,
      nginx: c.nginx,
    },
    ingress: { enabled: c.ingress },
    ...(c.egress === 'open' ? {} : { network: { egress: 'restricted' as const, allowEgressTo: c.egress === 'restricted-with-allowance' ? [ALLOWANCE] : [] } }),
    outdir: path.join(os.tmpdir(), 'vibe-unused'),
  };
}

const describeCombination = (c: Combination) =>
  [c.database === 'none' ? 'no database' : c.database, c.redis && 'redis', c.rabbitmq && 'rabbitmq', c.nginx ? 'nginx' : 'no nginx', c.ingress ? 'ingress' : 'no ingress', `egress ${c.egress}`]
    .filter(Boolean)
    .join(', ');

/** Synthesizes once and evaluates the output with the cluster's actors. */
function evaluate(c: Combination) {
  return evaluateProps(propsOf(c));
}

function evaluateProps(props: VibeAppProps) {
  const app = new VibeApp(props);
  const manifests = manifestsOf(app.render());
  const actors = clusterActors(app.model.cluster);
  const model = NetworkModel.fromManifests(manifests, { sources: actors.sources, egressProbes: actors.egressProbes });
  return { app, model, actors, namespace: app.model.namespace };
}

/** A workload by its component (`app.kubernetes.io/name`), an actor by its id. */
function keyOf(endpoint: Endpoint): string {
  return endpoint.type === 'pod' ? (endpoint.labels['app.kubernetes.io/name'] ?? `?${endpoint.name}`) : endpoint.id;
}
/** The pods of the namespace and the actors that open connections into it. */
function sourcesOf(model: NetworkModel, actors: ClusterActors, namespace: string): readonly Endpoint[] {
  return [...model.podsIn(namespace), actors.ingressController, actors.observability, actors.otherNamespace, actors.internet];
}
const flowKey = (from: string, to: string, port: number, protocol = 'TCP') => `${from} -> ${to}:${port}/${protocol}`;

/** Ports of the contract and a few that nobody should open. */
const WELL_KNOWN_PORTS = [22, 53, 80, 443, 3306, 4317, 5432, 5672, 6379, 8080, 8081, 8082, 8443, 9090, 9121, 9187, 9216, 15672, 15692, 27017];

/** Every port any side of the set mentions, plus a few nobody should: the universe allows() is asked about. */
function portUniverse(model: NetworkModel, extra: readonly number[]): number[] {
  const ports = new Set<number>([...extra, ...WELL_KNOWN_PORTS]);
  for (const pod of model.pods) for (const p of pod.ports) ports.add(p.port);
  for (const policy of model.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) for (const p of rule.ports) if (typeof p.port === 'number') ports.add(p.port);
  }
  return [...ports].sort((a, b) => a - b);
}

function sorted(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort();
}

describe.each(COMBINATIONS.map((c) => [describeCombination(c), c] as const))('our output (%s)', (_title, combination) => {
  const { app, model, actors, namespace } = evaluate(combination);
  const inNamespace = (pod: Endpoint): pod is PodEndpoint => pod.type === 'pod' && pod.namespace === namespace;
  const sources = sourcesOf(model, actors, namespace);
  const intended = sorted(app.flows.map((f) => flowKey(f.from.kind === 'workload' ? f.from.component : f.from.kind, f.to, f.port)));

  it('is read by the evaluator without problems, every pod in the app namespace', () => {
    expect(model.problems.map((p) => p.message)).toEqual([]);
    expect(model.pods.length).toBeGreaterThan(0);
    expect(model.pods.filter((p) => p.namespace !== namespace).map((p) => p.id)).toEqual([]);
  });

  it('allows exactly the intended flows into the namespace (flows(), on declared ports)', () => {
    const found = model
      .flows()
      .filter((f) => inNamespace(f.to) && sources.includes(f.from))
      .map((f) => flowKey(keyOf(f.from), keyOf(f.to), f.port, f.protocol));
    expect(sorted(found)).toEqual(intended);
  });

  it('allows exactly the intended flows into the namespace (allows(), on every port any side mentions)', () => {
    const ports = portUniverse(model, []);
    const found: string[] = [];
    for (const to of model.podsIn(namespace)) {
      for (const from of sources) {
        if (from === to) continue;
        for (const port of ports) {
          for (const protocol of ['TCP', 'UDP']) if (model.allows(from, to, port, protocol)) found.push(flowKey(keyOf(from), keyOf(to), port, protocol));
        }
      }
    }
    expect(sorted(found)).toEqual(intended);
  });

  if (combination.egress === 'open') {
    it('leaves egress alone (the cluster wall blocks the internet)', () => {
      expect(app.egress).toEqual([]);
      expect(model.pods.filter((p) => model.isolatedForEgress(p)).map((p) => p.id)).toEqual([]);
    });
    return;
  }

  describe('with restricted egress', () => {
    const otel = actors.otelCollector;
    const otelPort = otel.ports![0].port;
    const destinations: readonly ActorEndpoint[] = [
      actors.ingressController,
      actors.observability,
      actors.otherNamespace,
      actors.internet,
      actors.dns,
      otel,
      ALLOWED_ADDRESS,
      PRIVATE_ADDRESS,
    ];
    const allowance = combination.egress === 'restricted-with-allowance';

    it('lets every pod resolve names on 53 UDP and TCP', () => {
      for (const pod of model.pods) {
        expect([pod.name, model.allows(pod, actors.dns, 53, 'UDP'), model.allows(pod, actors.dns, 53, 'TCP')]).toEqual([pod.name, true, true]);
      }
    });

    it('lets the app send traces to the OTEL collector', () => {
      const appPod = model.pods.find((p) => keyOf(p) === 'app')!;
      expect(model.allows(appPod, otel, otelPort)).toBe(true);
    });

    it('keeps the internet unreachable from every pod, on every port', () => {
      const ports = portUniverse(model, ALLOWANCE.ports);
      const open = model.pods.flatMap((pod) => ports.filter((port) => model.allows(pod, actors.internet, port)).map((port) => flowKey(keyOf(pod), 'internet', port)));
      expect(open).toEqual([]);
    });

    it("lets nothing else leave the namespace: DNS for all, OTEL for the app, the creator's allowEgressTo", () => {
      const ports = portUniverse(model, ALLOWANCE.ports);
      const found: string[] = [];
      for (const from of model.pods) {
        for (const to of destinations) {
          for (const port of ports) {
            for (const protocol of ['TCP', 'UDP']) if (model.allows(from, to, port, protocol)) found.push(flowKey(keyOf(from), to.id, port, protocol));
          }
        }
      }
      const expected: string[] = [];
      for (const pod of model.pods) expected.push(flowKey(keyOf(pod), 'dns', 53, 'UDP'), flowKey(keyOf(pod), 'dns', 53, 'TCP'));
      // The OTEL allow names the observability namespace (any pod there), so the scraper's pods listen too.
      expected.push(flowKey('app', otel.id, otelPort), flowKey('app', 'observability', otelPort));
      if (allowance) for (const port of ALLOWANCE.ports) expected.push(flowKey('app', ALLOWED_ADDRESS.id, port));
      expect(sorted(found)).toEqual(sorted(expected));
    });

    it('lists the egress side of each in-namespace flow, DNS, OTEL and the allowance in app.egress', () => {
      const workloadFlows = app.flows.filter((f) => f.from.kind === 'workload').length;
      expect(app.egress).toHaveLength(1 + workloadFlows + 1 + (allowance ? 1 : 0));
    });
  });
});

/** The ingress side in one go, and the egress probes every restricted set must answer. */
function prove(props: VibeAppProps) {
  const { app, model, actors, namespace } = evaluateProps(props);
  const sources = sourcesOf(model, actors, namespace);
  const found = model
    .flows()
    .filter((f) => f.to.type === 'pod' && f.to.namespace === namespace && sources.includes(f.from))
    .map((f) => flowKey(keyOf(f.from), keyOf(f.to), f.port, f.protocol));
  const intended = sorted(app.flows.map((f) => flowKey(f.from.kind === 'workload' ? f.from.component : f.from.kind, f.to, f.port)));
  expect(sorted(found)).toEqual(intended);
  const allowed: string[] = [];
  const ports = portUniverse(model, []);
  for (const to of model.podsIn(namespace)) {
    for (const from of sources.filter((source) => source !== to)) {
      for (const port of ports) if (model.allows(from, to, port)) allowed.push(flowKey(keyOf(from), keyOf(to), port));
    }
  }
  expect(sorted(allowed)).toEqual(intended);
  const appPod = model.pods.find((p) => keyOf(p) === 'app')!;
  for (const pod of model.pods) expect([pod.name, model.allows(pod, actors.dns, 53, 'UDP'), model.allows(pod, actors.dns, 53, 'TCP')]).toEqual([pod.name, true, true]);
  expect(['app to OTEL', model.allows(appPod, actors.otelCollector, actors.otelCollector.ports![0].port)]).toEqual(['app to OTEL', true]);
  expect(model.pods.filter((pod) => model.allows(pod, actors.internet, 443)).map((p) => p.name)).toEqual([]);
}

/**
 * The same proof with a platform's own cluster settings: the evaluator's actors and the
 * generated policies read DNS and the OTEL endpoint (namespace and port) the same way.
 */
describe("our output with a platform's own cluster config", () => {
  const base: VibeAppProps = {
    ...propsOf({ database: 'postgres', redis: true, rabbitmq: true, nginx: true, ingress: true, egress: 'restricted' }),
    cluster: {
      prefix: 'acme',
      observabilityNamespace: 'monitoring',
      ingressController: { namespace: 'ingress', podLabels: { 'app.kubernetes.io/name': 'haproxy-ingress' } },
      otelEndpoint: 'http://otel-collector.monitoring.svc.cluster.local:4317',
    },
  };
  const withCluster = (cluster: object): VibeAppProps => ({ ...base, cluster: { ...base.cluster, ...cluster } });

  it('allows exactly the intended flows with its own controller, scraper namespace and OTEL collector', () => {
    prove(base);
  });

  // src/network/actors.ts builds the DNS actor from kube-system / k8s-app=kube-dns, not from
  // cluster.dns; the policy (allow-egress-dns) follows cluster.dns. The evaluator is wrong here.
  it('lets every pod reach a DNS the cluster config moves (cluster.dns)', () => {
    prove(withCluster({ dns: { namespace: 'dns-system', podLabels: { 'app.kubernetes.io/name': 'coredns' } } }));
  });

  // An otelEndpoint without a port: intendedEgress (otelPort) allows 4317, the OTLP/gRPC default;
  // the evaluator's OTEL actor (actors.ts otelTarget) listens on 80, the http:// default.
  it('lets the app reach an OTEL endpoint written without a port', () => {
    prove(withCluster({ otelEndpoint: 'http://otel-collector.monitoring.svc.cluster.local' }));
  });

  // An OTEL collector outside the observability namespace: allow-egress-app-to-otel names
  // cluster.observabilityNamespace, not the endpoint's namespace (tracing). The policy is wrong here.
  it('lets the app reach an OTEL collector that lives outside the observability namespace', () => {
    prove(withCluster({ otelEndpoint: 'http://otel-collector.tracing.svc.cluster.local:4317' }));
  });
});

describe('our output with the optional extras', () => {
  const full = propsOf({ database: 'postgres', redis: true, rabbitmq: true, nginx: true, ingress: true, egress: 'restricted' });
  it.each([
    ['the mgmt sidecar (8082 on the app pod) behind nginx', { ...full, components: { ...full.components, mgmtSidecar: true } }],
    ['the mgmt sidecar without nginx', { ...full, components: { ...full.components, nginx: false, mgmtSidecar: true } }],
    ['redis with persistence and nginx with the SPA fallback', { ...full, components: { ...full.components, redis: { persistence: true }, nginx: { spaFallback: true } } }],
  ])('allows exactly the intended flows with %s', (_title, props) => {
    prove(props as VibeAppProps);
  });
});

describe('the comparison itself', () => {
  const { app, model, actors, namespace } = evaluate({ database: 'postgres', redis: false, rabbitmq: false, nginx: true, ingress: true, egress: 'open' });
  const manifests = manifestsOf(app.render());
  const keysOf = (m: NetworkModel) => {
    const sources = sourcesOf(m, actors, namespace);
    return sorted(m.flows().filter((f) => f.to.type === 'pod' && sources.includes(f.from)).map((f) => flowKey(keyOf(f.from), keyOf(f.to), f.port, f.protocol)));
  };
  const remodel = (objects: typeof manifests) => NetworkModel.fromManifests(objects, { sources: actors.sources, egressProbes: actors.egressProbes });

  it('notices a flow that is missing', () => {
    const without = remodel(manifests.filter((m) => m.name !== 'allow-nginx-to-app'));
    expect(keysOf(model).filter((k) => !keysOf(without).includes(k))).toEqual(['nginx -> app:8081/TCP']);
  });

  it('notices a flow that is too many', () => {
    const widened = manifests.map((m) => {
      if (m.name !== 'allow-app-to-postgres') return m;
      const object = JSON.parse(JSON.stringify(m.object));
      object.spec.ingress[0].from.push({ podSelector: { matchLabels: { app: 'shop-nginx' } } });
      return { ...m, object };
    });
    expect(keysOf(remodel(widened)).filter((k) => !keysOf(model).includes(k))).toEqual(['nginx -> postgres:5432/TCP']);
  });
});
