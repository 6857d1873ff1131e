import { APP, DB, DENY_ALL_INGRESS, deployment, modelOf, NS, podNamed, policy, WEB } from './fixtures';
import { clusterActors } from '../../src/network';

const { ingressController, internet, otherNamespace, observability, dns } = clusterActors();

describe('isolation: which pods the policies close', () => {
  it('leaves a pod no policy selects open to everyone, in and out', () => {
    const model = modelOf([APP, DB, policy('db-only', { podSelector: { matchLabels: { app: 'my-db' } } })]);
    const app = podNamed(model, 'my-app');
    expect(model.isolatedForIngress(app)).toBe(false);
    expect(model.isolatedForEgress(app)).toBe(false);
    for (const source of [ingressController, internet, otherNamespace, podNamed(model, 'my-db')]) expect(model.allows(source, app, 8082)).toBe(true);
    expect(model.allows(app, internet, 443)).toBe(true);
  });

  it('isolates every pod with a deny-all named "foo": the name means nothing', () => {
    const model = modelOf([APP, DB, DENY_ALL_INGRESS]);
    const app = podNamed(model, 'my-app');
    expect(model.isolatedForIngress(app)).toBe(true);
    expect(model.isolatedForEgress(app)).toBe(false);
    for (const source of [ingressController, internet, otherNamespace, podNamed(model, 'my-db')]) expect(model.allows(source, app, 8081)).toBe(false);
  });

  it('adds policies up: each allow opens its own flow, none takes another away', () => {
    const model = modelOf([
      APP,
      DB,
      WEB,
      DENY_ALL_INGRESS,
      policy('allow-web', { podSelector: { matchLabels: { app: 'my-app' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8081 }] }] }),
      policy('allow-db', { podSelector: { matchLabels: { app: 'my-app' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'my-db' } } }], ports: [{ port: 8082 }] }] }),
    ]);
    const [app, db, web] = ['my-app', 'my-db', 'web'].map((name) => podNamed(model, name));
    expect(model.allows(web, app, 8081)).toBe(true);
    expect(model.allows(db, app, 8082)).toBe(true);
    expect(model.allows(web, app, 8082)).toBe(false);
    expect(model.allows(db, app, 8081)).toBe(false);
  });

  it('does not isolate ingress with a policy whose only type is Egress, and ignores its ingress rules', () => {
    const egressOnly = policy('lockdown', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] });
    const model = modelOf([APP, DB, egressOnly]);
    const [app, db] = [podNamed(model, 'my-app'), podNamed(model, 'my-db')];
    expect(model.isolatedForIngress(app)).toBe(false);
    expect(model.isolatedForEgress(app)).toBe(true);
    expect(model.allows(internet, app, 8081)).toBe(true);
    expect(model.allows(app, db, 5432)).toBe(false);

    const withDeny = modelOf([APP, egressOnly, DENY_ALL_INGRESS]);
    expect(withDeny.allows(internet, podNamed(withDeny, 'my-app'), 8081)).toBe(false);
  });

  it('defaults policyTypes to Ingress, plus Egress only when there is an egress rule', () => {
    const cases: Array<[object, boolean, boolean]> = [
      [{ podSelector: {} }, true, false],
      [{ podSelector: {}, egress: [] }, true, false],
      [{ podSelector: {}, policyTypes: [], egress: [{ to: [{ podSelector: {} }] }] }, true, true],
      [{ podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] }, true, true],
      [{ podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ podSelector: {} }] }] }, true, false],
      [{ podSelector: {}, policyTypes: ['Egress'] }, false, true],
      [{ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, true, true],
    ];
    for (const [spec, ingress, egress] of cases) {
      const model = modelOf([APP, policy('p', spec)]);
      const app = podNamed(model, 'my-app');
      expect([JSON.stringify(spec), model.isolatedForIngress(app), model.isolatedForEgress(app)]).toEqual([JSON.stringify(spec), ingress, egress]);
    }
  });

  it('selects with an empty podSelector every pod of the policy namespace, and only there', () => {
    const elsewhere = deployment('elsewhere', { app: 'my-app' }, [{ port: 8081 }], 'other');
    const model = modelOf([APP, elsewhere, DENY_ALL_INGRESS]);
    expect(model.isolatedForIngress(podNamed(model, 'my-app'))).toBe(true);
    expect(model.isolatedForIngress(podNamed(model, 'elsewhere'))).toBe(false);
    expect(model.selectedPods(model.policies[0]).map((p) => p.id)).toEqual([`${NS}/Deployment/my-app`]);
  });

  it('treats a policy without a spec as the API server does: selects all, isolates ingress', () => {
    const model = modelOf([APP, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bare', namespace: NS } }]);
    expect(model.isolatedForIngress(podNamed(model, 'my-app'))).toBe(true);
  });

  it('needs both the source egress and the destination ingress to allow a connection', () => {
    const model = modelOf([
      APP,
      DB,
      WEB,
      policy('app-out', { podSelector: { matchLabels: { app: 'my-app' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'my-db' } } }], ports: [{ port: 5432 }] }] }),
      policy('db-in', { podSelector: { matchLabels: { app: 'my-db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'my-app' } } }] }] }),
    ]);
    const [app, db, web] = ['my-app', 'my-db', 'web'].map((name) => podNamed(model, name));
    expect(model.allows(app, db, 5432)).toBe(true);
    expect(model.allows(app, web, 8080)).toBe(false); // web is open, but app may not go out to it
    expect(model.allows(web, db, 5432)).toBe(false); // web may go out, but db does not let it in
    expect(model.allows(web, app, 8081)).toBe(true); // app is isolated for egress only
  });

  it('does not hold outside actors to the namespace egress policies', () => {
    const denyAllEgress = policy('no-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const model = modelOf([APP, denyAllEgress]);
    const app = podNamed(model, 'my-app');
    expect(model.allows(ingressController, app, 8081)).toBe(true);
    expect(model.allows(app, dns, 53, 'UDP')).toBe(false);
  });

  it('lists flows for every source and declared port, and egress probes, but not a workload to itself', () => {
    const model = modelOf([APP, WEB, policy('app-from-web', { podSelector: { matchLabels: { app: 'my-app' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] })]);
    const flows = model.flows().map((f) => `${f.from.id} -> ${f.to.id}:${f.port}/${f.protocol}${f.portName ? ` (${f.portName})` : ''}`);
    expect(flows).toEqual([
      'shop/Deployment/web -> shop/Deployment/my-app:8081/TCP (http)',
      'shop/Deployment/my-app -> shop/Deployment/web:8080/TCP (http)',
      ...[ingressController, observability, otherNamespace, internet].map((a) => `${a.id} -> shop/Deployment/web:8080/TCP (http)`),
      ...['shop/Deployment/my-app', 'shop/Deployment/web'].flatMap((pod) => [
        `${pod} -> dns:53/UDP (dns)`,
        `${pod} -> dns:53/TCP (dns-tcp)`,
        `${pod} -> otel-collector:4317/TCP`,
        `${pod} -> internet:443/TCP`,
      ]),
    ]);
  });
});
