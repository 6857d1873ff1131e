import { find, objectsOf, podTemplates, render } from './helpers/render';

const BASE = { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' } };
const MIRROR = 'harbor.internal.example.com/dockerhub-proxy';

describe('stateful components', () => {
  it('writes 02, 04, 05, 11 for postgres, with a Recreate Deployment on its PVC', () => {
    const files = render({ ...BASE, components: { postgres: true } });
    expect(files.map((f) => f.name)).toEqual([
      '00-namespace.yaml',
      '01-network-policies.yaml',
      '02-sealed-secrets.yaml',
      '03-configmap.yaml',
      '04-storage.yaml',
      '05-db.yaml',
      '08-app.yaml',
      '09-nginx.yaml',
      '10-ingress.yaml',
      '11-metrics-exporters.yaml',
      '12-hpa.yaml',
    ]);
    const pvc = find(files, 'PersistentVolumeClaim', 'shop-postgres-data');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
    const db = find(files, 'Deployment', 'shop-postgres');
    expect(db.spec.strategy).toEqual({ type: 'Recreate' });
    expect(db.spec.replicas).toBe(1);
    const pod = db.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
    expect(pod.volumes[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'shop-postgres-data' } });
    const container = pod.containers[0];
    expect(container.image).toBe(`${MIRROR}/postgres:16`);
    expect(container.volumeMounts[0]).toEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(container.readinessProbe.exec.command[0]).toBe('pg_isready');
    expect(container.env).toContainEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'POSTGRES_PASSWORD' } } });
    expect(find(files, 'Service', 'shop-postgres').spec.ports).toEqual([{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }]);
  });

  it('gives stateful components at least md and exporters xs, whatever the app size', () => {
    const files = render({ ...BASE, size: 'xs', components: { postgres: { size: 'sm' }, redis: true, rabbitmq: true } });
    for (const name of ['shop-postgres', 'shop-redis', 'shop-rabbitmq']) {
      expect(find(files, 'Deployment', name).spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '500m', memory: '512Mi' });
    }
    for (const name of ['shop-postgres-exporter', 'shop-redis-exporter']) {
      expect(find(files, 'Deployment', name).spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '200m', memory: '128Mi' });
    }
    expect(find(files, 'Deployment', 'shop-postgres').spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '500m', memory: '512Mi' });
    expect(find(render({ ...BASE, components: { postgres: { size: 'xl' } } }), 'Deployment', 'shop-postgres').spec.template.spec.containers[0].resources.limits.cpu).toBe('2000m');
  });

  it('wires the app: one init container per dependency, URLs from the SealedSecret, hosts in the ConfigMap', () => {
    const files = render({ ...BASE, components: { mongo: true, redis: true, rabbitmq: true } });
    const pod = find(files, 'Deployment', 'shop-app').spec.template.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-mongo', 'wait-for-redis', 'wait-for-rabbitmq']);
    expect(pod.initContainers[0].image).toBe(`${MIRROR}/debian:12-slim`);
    expect(pod.initContainers[0].command[2]).toContain('/dev/tcp/shop-mongo/27017');
    const env = pod.containers[0].env.filter((e: any) => e.valueFrom);
    expect(env.map((e: any) => e.name)).toEqual(['MONGO_URL', 'REDIS_URL', 'AMQP_URL']);
    for (const e of env) expect(e.valueFrom.secretKeyRef.name).toBe('shop-secrets');
    expect(pod.containers[0].readinessProbe.timeoutSeconds).toBe(10);
    const config = find(files, 'ConfigMap', 'shop-config').data;
    expect(config).toMatchObject({ MONGO_HOST: 'shop-mongo', MONGO_PORT: '27017', REDIS_HOST: 'shop-redis', AMQP_HOST: 'shop-rabbitmq', AMQP_PORT: '5672' });
    expect(JSON.stringify(config)).not.toMatch(/PASSWORD|REPLACE_ME/);
  });

  it('keeps readiness at 5 s without a database', () => {
    const pod = find(render({ ...BASE, components: { redis: true } }), 'Deployment', 'shop-app').spec.template.spec;
    expect(pod.containers[0].readinessProbe.timeoutSeconds).toBe(5);
  });

  it('keeps redis data on an emptyDir unless persistence is on, and passes its password without argv', () => {
    const ephemeral = render({ ...BASE, components: { redis: true } });
    expect(objectsOf(ephemeral).some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    const redis = find(ephemeral, 'Deployment', 'shop-redis').spec.template.spec;
    expect(redis.volumes[0].emptyDir).toBeDefined();
    expect(redis.containers[0].command.join(' ')).toContain('requirepass "$REDIS_PASSWORD"');
    expect(redis.containers[0].command.join(' ')).not.toContain('--requirepass');
    const persistent = render({ ...BASE, components: { redis: { persistence: true, storage: '2Gi' } } });
    expect(find(persistent, 'PersistentVolumeClaim', 'shop-redis-data').spec.resources.requests.storage).toBe('2Gi');
  });

  it('exposes only AMQP from rabbitmq, never the management UI', () => {
    const files = render({ ...BASE, components: { rabbitmq: true } });
    expect(find(files, 'Service', 'shop-rabbitmq').spec.ports.map((p: any) => p.port)).toEqual([5672]);
    const ports = find(files, 'Deployment', 'shop-rabbitmq').spec.template.spec.containers[0].ports.map((p: any) => p.containerPort);
    expect(ports).not.toContain(15672);
    expect(find(files, 'Deployment', 'shop-rabbitmq').spec.template.metadata.annotations['prometheus.io/port']).toBe('15692');
  });

  it('wires each exporter to its target with the sealed credential and scrapes it on its own port', () => {
    const files = render({ ...BASE, components: { postgres: true, redis: true } });
    const pg = find(files, 'Deployment', 'shop-postgres-exporter').spec.template;
    expect(pg.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9187', 'prometheus.io/path': '/metrics' });
    expect(pg.spec.containers[0].image).toBe(`${MIRROR}/prometheuscommunity/postgres-exporter:v0.15.0`);
    expect(pg.spec.containers[0].env).toContainEqual({ name: 'DATA_SOURCE_PASS', valueFrom: { secretKeyRef: { name: 'shop-secrets', key: 'POSTGRES_PASSWORD' } } });
    const redis = find(files, 'Deployment', 'shop-redis-exporter').spec.template.spec.containers[0];
    expect(redis.image).toBe(`${MIRROR}/oliver006/redis_exporter:v1.63.0`);
    expect(redis.env[0]).toEqual({ name: 'REDIS_ADDR', value: 'redis://shop-redis:6379' });
    const mongo = find(render({ ...BASE, components: { mongo: true } }), 'Deployment', 'shop-mongodb-exporter').spec.template.spec.containers[0];
    expect(mongo.image).toBe(`${MIRROR}/percona/mongodb_exporter:0.40`);
  });

  it('hardens every pod of every component', () => {
    for (const pod of podTemplates(render({ ...BASE, components: { postgres: true, redis: true, rabbitmq: true } }))) {
      for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      }
    }
  });
});

describe('sealed secrets stubs', () => {
  it('writes REPLACE_ME stubs with sealing instructions until the credentials are sealed', () => {
    const files = render({ ...BASE, components: { postgres: true } });
    const file = files.find((f) => f.name === '02-sealed-secrets.yaml')!;
    const sealed = find(files, 'SealedSecret', 'shop-secrets');
    expect(sealed.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(sealed.spec.encryptedData).toEqual({ DATABASE_URL: 'REPLACE_ME', POSTGRES_PASSWORD: 'REPLACE_ME' });
    expect(sealed.spec.template.type).toBe('Opaque');
    expect(file.text).toMatch(/^# 2 credential\(s\) are not sealed yet/m);
    expect(file.text).toMatch(/^#   vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-secrets --merge-into sealed-secrets.yaml$/m);
  });

  it('writes no 02 file when nothing needs a credential', () => {
    expect(render({ ...BASE }).map((f) => f.name)).not.toContain('02-sealed-secrets.yaml');
  });
});
