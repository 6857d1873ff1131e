import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeApp } from '../src';
import { WEB_APP, find, objectsOf, podTemplates, readFolder, render, tempDir } from './helpers/render';

const BASE = { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' } };

describe('VibeApp: the numbered set', () => {
  it('writes exactly 00, 01, 03, 08, 09, 10, 11 and 12 for an app without stateful components', () => {
    expect(render(WEB_APP).map((f) => f.name)).toEqual([
      '00-namespace.yaml',
      '01-network-policies.yaml',
      '03-configmap.yaml',
      '08-app.yaml',
      '09-nginx.yaml',
      '10-ingress.yaml',
      '11-metrics-exporters.yaml',
      '12-hpa.yaml',
    ]);
  });

  it('leaves out 09 without nginx and 10 without ingress; numbers do not shift', () => {
    const names = render({ ...BASE, components: { nginx: false }, ingress: { enabled: false } }).map((f) => f.name);
    expect(names).toEqual(['00-namespace.yaml', '01-network-policies.yaml', '03-configmap.yaml', '08-app.yaml', '11-metrics-exporters.yaml', '12-hpa.yaml']);
  });

  it('puts every namespaced object in the app namespace and labels it as managed by vibe-env', () => {
    for (const object of objectsOf(render(WEB_APP))) {
      if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe('platform-vibe-inventory-checker');
      expect(object.metadata.labels['app.kubernetes.io/managed-by']).toBe('vibe-env');
    }
  });

  it('enforces Pod Security restricted on the namespace', () => {
    const ns = find(render(WEB_APP), 'Namespace');
    expect(ns.metadata.labels).toMatchObject({ 'managed-by': 'vibe-env', 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  it('gives the app Deployment no static replicas (the HPA owns the count)', () => {
    const deployment = find(render(WEB_APP), 'Deployment', 'inventory-checker-app');
    expect(deployment.spec.replicas).toBeUndefined();
    const hpa = find(render(WEB_APP), 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'inventory-checker-app' });
  });

  it.each([
    ['xs', 1, 2, false],
    ['sm', 1, 3, false],
    ['md', 2, 4, true],
    ['lg', 2, 6, true],
    ['xl', 3, 10, true],
  ] as const)('scales size %s between %i and %i replicas, PDB %s', (size, min, max, pdb) => {
    const files = render({ ...BASE, size });
    const hpa = find(files, 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([min, max]);
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(70);
    expect(objectsOf(files).some((o) => o.kind === 'PodDisruptionBudget')).toBe(pdb);
  });

  it('declares http 8081 and mgmt 8082 with probes on 8082 and scrape annotations', () => {
    const files = render(WEB_APP);
    const [app] = podTemplates(files).filter((p) => p.owner === 'Deployment/inventory-checker-app');
    const container = app.spec.containers[0];
    expect(container.ports.map((p: any) => [p.name, p.containerPort])).toEqual([['http', 8081], ['mgmt', 8082]]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/liveness', port: 8082 });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readiness', port: 8082 });
    expect(container.livenessProbe.timeoutSeconds).toBeGreaterThanOrEqual(5);
    expect(app.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8081', 'prometheus.io/path': '/metrics' });
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'inventory-checker-config' } }]);
  });

  it('never exposes 8082 through a Service or the Ingress', () => {
    const files = render({ ...BASE, components: { mgmtSidecar: true } });
    for (const service of objectsOf(files).filter((o) => o.kind === 'Service')) {
      for (const port of service.spec.ports) {
        expect(port.port).not.toBe(8082);
        expect(port.targetPort).not.toBe(8082);
        expect(port.targetPort).not.toBe('mgmt');
      }
    }
  });

  it('routes the Ingress to nginx:8080, or to app:8081 without nginx', () => {
    const withNginx = find(render(WEB_APP), 'Ingress').spec.rules[0].http.paths[0].backend.service;
    expect(withNginx).toEqual({ name: 'inventory-checker-nginx', port: { number: 8080 } });
    const direct = find(render({ ...BASE, components: { nginx: false } }), 'Ingress').spec.rules[0].http.paths[0].backend.service;
    expect(direct).toEqual({ name: 'shop-app', port: { number: 8081 } });
  });

  it('uses the cluster host pattern, Traefik and TLS', () => {
    const ingress = find(render(WEB_APP), 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.rules[0].host).toBe('platform-inventory-checker.internal.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['platform-inventory-checker.internal.example.com'] }]);
    expect(ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.tls']).toBe('true');
    const plain = find(render({ ...BASE, ingress: { tls: false, host: 'shop.example.org' } }), 'Ingress');
    expect(plain.spec.tls).toBeUndefined();
    expect(plain.spec.rules[0].host).toBe('shop.example.org');
  });

  it('names a cert-manager certificate Secret when the cluster has an issuer', () => {
    const app = new VibeApp({ ...BASE, cluster: { tls: { clusterIssuer: 'internal-ca' } }, outdir: tempDir() });
    const ingress = find(app.render(), 'Ingress');
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('internal-ca');
    expect(ingress.spec.tls[0].secretName).toBe('shop-tls');
  });

  it('adds the mgmt sidecar on 8082 and drops 8082 from the app container', () => {
    const files = render({ ...BASE, components: { mgmtSidecar: true } });
    const deployment = find(files, 'Deployment', 'shop-app');
    const [app, sidecar] = deployment.spec.template.spec.containers;
    expect(app.ports.map((p: any) => p.containerPort)).toEqual([8081]);
    expect(sidecar.name).toBe('mgmt-sidecar');
    expect(sidecar.ports).toEqual([{ name: 'mgmt', containerPort: 8082, protocol: 'TCP' }]);
    expect(sidecar.image).toBe('harbor.internal.example.com/dockerhub-proxy/nginx:1.27');
    const conf = find(files, 'ConfigMap', 'shop-mgmt-sidecar').data['nginx.conf'];
    for (const endpoint of ['/readiness', '/liveness', '/shutdown', '/info']) expect(conf).toContain(`location = ${endpoint}`);
    expect(conf).toContain('listen 8082;');
    expect(conf).toContain('{"app":"shop","version":"a3f91bc"}');
  });

  it('proxies nginx 8080 to app 8081 and keeps API 404s with the SPA fallback', () => {
    const plain = find(render(BASE), 'ConfigMap', 'shop-nginx').data['nginx.conf'];
    expect(plain).toContain('listen 8080;');
    expect(plain).toContain('server shop-app:8081;');
    expect(plain).not.toContain('@spa');
    const spa = find(render({ ...BASE, components: { nginx: { spaFallback: true, apiPrefix: '/v1/' } } }), 'ConfigMap', 'shop-nginx').data['nginx.conf'];
    expect(spa).toContain('error_page 404 = @spa;');
    expect(spa).toContain('location /v1/ {');
    expect(spa).toContain('rewrite ^ /index.html break;');
  });

  it('puts the creator env in the ConfigMap, sorted, beside the platform settings', () => {
    const data = find(render({ ...BASE, env: { ZEBRA: '1', FEATURE_FLAGS: 'beta', LOG_LEVEL: 'debug' } }), 'ConfigMap', 'shop-config').data;
    expect(Object.keys(data)).toEqual([...Object.keys(data)].sort());
    expect(data).toMatchObject({ ZEBRA: '1', FEATURE_FLAGS: 'beta', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', PORT: '8081', MGMT_PORT: '8082' });
    expect(data.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector.platform-vibe-observability.svc.cluster.local:4317');
  });

  it('rolls the pods when the config changes', () => {
    const hash = (env: Record<string, string>) =>
      find(render({ ...BASE, env }), 'Deployment', 'shop-app').spec.template.metadata.annotations['vibe-env.io/config-hash'];
    expect(hash({ A: '1' })).toBe(hash({ A: '1' }));
    expect(hash({ A: '1' })).not.toBe(hash({ A: '2' }));
  });
});

describe('VibeApp: writing the set', () => {
  it('writes to CDK8S_OUTDIR when no outdir is given', () => {
    const dir = tempDir();
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = dir;
    try {
      new VibeApp(BASE).synth();
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
    }
    expect(fs.readdirSync(dir)).toContain('08-app.yaml');
  });

  it('removes numbered files vibe-env wrote that are no longer produced and keeps other files', () => {
    const dir = tempDir();
    // A set from before vibe-env kept a record: its files say who wrote them.
    fs.writeFileSync(path.join(dir, '05-db.yaml'), '# Generated by vibe-env for "Shop" (platform-vibe-shop).\nkind: Deployment\n');
    fs.writeFileSync(path.join(dir, '13-mine.yaml'), 'kind: ConfigMap\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'mine');
    new VibeApp({ ...BASE, outdir: dir }).synth();
    const names = fs.readdirSync(dir);
    expect(names).not.toContain('05-db.yaml');
    expect(names).toContain('notes.md');
    expect(names).toContain('13-mine.yaml');
    expect(names.filter((n) => n.endsWith('.tmp') || n.startsWith('.vibe-staging'))).toEqual([]);
  });

  it('fails plainly, writing nothing, when a file it would write is not its own', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '08-app.yaml'), 'kind: Deployment # mine\n');
    expect(() => new VibeApp({ ...BASE, outdir: dir }).synth()).toThrow(/08-app.yaml" is a file vibe-env did not write; .* nothing was written/);
    expect(fs.readdirSync(dir)).toEqual(['08-app.yaml']);
    expect(fs.readFileSync(path.join(dir, '08-app.yaml'), 'utf8')).toBe('kind: Deployment # mine\n');
  });

  it('synthesizes several apps in one process, each into its own folder', () => {
    const dirs = ['alpha', 'beta', 'gamma'].map((slug) => {
      const dir = tempDir();
      new VibeApp({ ...BASE, slug, outdir: dir }).synth();
      return [slug, dir] as const;
    });
    for (const [slug, dir] of dirs) {
      const app = fs.readFileSync(path.join(dir, '08-app.yaml'), 'utf8');
      expect(app).toContain(`name: ${slug}-app`);
      for (const [other] of dirs) if (other !== slug) expect(app).not.toContain(`${other}-app`);
    }
  });

  it('writes the same bytes every time', () => {
    const a = tempDir();
    const b = tempDir();
    new VibeApp({ ...WEB_APP, outdir: a }).synth();
    new VibeApp({ ...WEB_APP, outdir: b }).synth();
    expect(readFolder(a)).toEqual(readFolder(b));
  });

  it('fails on bad answers before writing anything', () => {
    const dir = path.join(tempDir(), 'k8s');
    expect(() => new VibeApp({ ...BASE, image: { repository: 'shop', tag: 'main' }, outdir: dir }).synth()).toThrow(/image.tag: got "main"/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
