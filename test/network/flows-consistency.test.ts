import fc from 'fast-check';
import { APP, DB, deployment, modelOf, namespaceObject, policy, WEB } from './fixtures';
import type { Flow, NetworkModel } from '../../src/network';

/** Small pools, so random policies often select, match and collide. */
const selector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom('my-app', 'my-db', 'web', 'nope') }) }),
  fc.record({ matchExpressions: fc.tuple(fc.record({ key: fc.constant('tier'), operator: fc.constantFrom('Exists', 'DoesNotExist') })) }),
);
const namespaceSelector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom('shop', 'kube-system', 'other', 'third') }) }),
  fc.record({ matchLabels: fc.record({ team: fc.constantFrom('a', 'b') }) }),
  fc.record({ matchExpressions: fc.tuple(fc.record({ key: fc.constant('team'), operator: fc.constant('In'), values: fc.subarray(['a', 'b', 'c'], { minLength: 1 }) })) }),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector }),
  fc.record({ namespaceSelector, podSelector: selector }),
  fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom('0.0.0.0/0', '203.0.113.0/24', '10.0.0.0/8') }) }),
);
const port = fc.oneof(
  fc.constant({}),
  fc.record({ port: fc.constantFrom(8080, 8081, 8082, 5432, 53) }),
  fc.record({ port: fc.constantFrom('http', 'mgmt', 'dns', 'postgres') }),
  fc.constant({ port: 8000, endPort: 8090 }),
  fc.constant({ port: 53, protocol: 'UDP' }),
);
const rule = (side: 'from' | 'to') => fc.record({ [side]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [] });
const spec = fc.record(
  {
    podSelector: selector,
    policyTypes: fc.subarray(['Ingress', 'Egress']),
    ingress: fc.array(rule('from'), { maxLength: 2 }),
    egress: fc.array(rule('to'), { maxLength: 2 }),
  },
  { requiredKeys: ['podSelector'] },
);

const OTHER = deployment('elsewhere', { app: 'web' }, [{ port: 8080, name: 'http' }], 'other');
/** Pods of other namespaces with the same labels as the app's: only namespaces tell them apart. */
const TWINS = [
  deployment('my-app', { app: 'my-app' }, [{ port: 8081, name: 'http' }], 'other'),
  deployment('my-db', { app: 'my-db', tier: 'data' }, [{ port: 5432 }], 'third'),
];
const NAMESPACES = [namespaceObject('other', { team: 'a' }), namespaceObject('third', { team: 'b' })];
const placedSpec = fc.tuple(spec, fc.constantFrom('shop', 'shop', 'other', 'third'));

/** Every flow by allows(), pair by pair, in the order flows() documents: the reference it must equal. */
function flowsByAllows(model: NetworkModel): Flow[] {
  const flows: Flow[] = [];
  for (const to of model.pods) {
    const seen = new Set<string>();
    for (const { port: number, protocol, name } of to.ports) {
      if (seen.has(`${number}/${protocol}`)) continue;
      seen.add(`${number}/${protocol}`);
      for (const from of [...model.pods, ...model.sources]) {
        if (from === to || !model.allows(from, to, number, protocol)) continue;
        flows.push(name ? { from, to, port: number, protocol, portName: name } : { from, to, port: number, protocol });
      }
    }
  }
  for (const from of model.pods) {
    for (const { to, port: number, protocol = 'TCP' } of model.egressProbes) {
      const name = (to.ports ?? []).find((p) => p.port === number && p.protocol === protocol)?.name;
      if (!model.allows(from, to, number, protocol)) continue;
      flows.push(name ? { from, to, port: number, protocol, portName: name } : { from, to, port: number, protocol });
    }
  }
  return flows;
}

describe('flows() and allows() tell the same story', () => {
  it('lists exactly the pairs allows() accepts, for random policy sets', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 4 }), (specs) => {
        const model = modelOf([APP, DB, WEB, OTHER, ...specs.map((s, i) => policy(`p${i}`, s))]);
        expect(model.flows()).toEqual(flowsByAllows(model));
      }),
      { numRuns: 200 },
    );
  });

  it('lists the same flows, in the same order, as asking allows() for every pair, with policies and twins in several namespaces', () => {
    // flows() tries only the sources the policies' peers can select (indexed by namespace and
    // labels); this is the exhaustive answer it must match, order included.
    fc.assert(
      fc.property(fc.array(placedSpec, { maxLength: 6 }), (placed) => {
        const model = modelOf([...NAMESPACES, APP, DB, WEB, OTHER, ...TWINS, ...placed.map(([s, namespace], i) => policy(`p${i}`, s, namespace))]);
        expect(model.flows()).toEqual(flowsByAllows(model));
      }),
      { numRuns: 300 },
    );
  });

  it('lists the same flows as allows() in a namespace big enough for the label index', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => deployment(`w${i}`, { app: ['my-app', 'my-db', 'web'][i % 3], ...(i % 4 === 0 ? { tier: 'data' } : {}) }, [{ port: 8080 + (i % 3) }]));
    fc.assert(
      fc.property(fc.array(placedSpec, { maxLength: 4 }), (placed) => {
        const model = modelOf([...NAMESPACES, ...crowd, OTHER, ...TWINS, ...placed.map(([s, namespace], i) => policy(`p${i}`, s, namespace))]);
        expect(model.flows()).toEqual(flowsByAllows(model));
      }),
      { numRuns: 40 },
    );
  });

  it('allows everything between pods that are isolated in neither direction that matters', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 4 }), (specs) => {
        const model = modelOf([APP, DB, WEB, OTHER, ...specs.map((s, i) => policy(`p${i}`, s))]);
        for (const from of model.pods) {
          for (const to of model.pods) {
            if (!model.isolatedForEgress(from) && !model.isolatedForIngress(to)) {
              for (const { port: number, protocol } of to.ports) expect(model.allows(from, to, number, protocol)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
