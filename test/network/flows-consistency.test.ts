import fc from 'fast-check';
import { APP, DB, deployment, modelOf, policy, WEB } from './fixtures';

/** Small pools, so random policies often select, match and collide. */
const selector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom('my-app', 'my-db', 'web', 'nope') }) }),
  fc.record({ matchExpressions: fc.tuple(fc.record({ key: fc.constant('tier'), operator: fc.constantFrom('Exists', 'DoesNotExist') })) }),
);
const namespaceSelector = fc.oneof(fc.constant({}), fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom('shop', 'kube-system', 'other') }) }));
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

describe('flows() and allows() tell the same story', () => {
  it('lists exactly the pairs allows() accepts, for random policy sets', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 4 }), (specs) => {
        const model = modelOf([APP, DB, WEB, OTHER, ...specs.map((s, i) => policy(`p${i}`, s))]);
        const listed = new Set(model.flows().map((f) => `${f.from.id}>${f.to.id}:${f.port}/${f.protocol}`));
        const expected = new Set<string>();
        for (const to of model.pods) {
          for (const from of [...model.pods, ...model.sources]) {
            for (const { port: number, protocol } of to.ports) {
              if (from !== to && model.allows(from, to, number, protocol)) expected.add(`${from.id}>${to.id}:${number}/${protocol}`);
            }
          }
        }
        for (const from of model.pods) {
          for (const probe of model.egressProbes) if (model.allows(from, probe.to, probe.port, probe.protocol)) expected.add(`${from.id}>${probe.to.id}:${probe.port}/${probe.protocol}`);
        }
        expect(listed).toEqual(expected);
      }),
      { numRuns: 200 },
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
