import { stringify } from 'yaml';
import { ANSWER_COMPONENTS, clientPort, COMPONENTS, INIT_COMPONENT_KEYS, PLATFORM_COMPONENTS, REVIEW_ONLY_COMPONENTS, ROLES, type ComponentRecord } from '../../src/components/catalogue';
import { answersSchema } from '../../src/contract/answers';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { mapHelmValues } from '../../src/inputs/helm-values';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { APP_REACHES_DATABASE, APP_REACHES_RABBITMQ, APP_REACHES_REDIS } from '../../src/review/checks/networking';
import { runsAsNonRoot } from '../../src/review/checks/pod-rules';
import { APP_WAITS_FOR_DATABASE, NO_DATA_ON_CONTAINER_FILESYSTEM } from '../../src/review/checks/storage';
import { ReviewContext } from '../../src/review/context';
import { find, render } from '../helpers/render';

/**
 * The review knows a component by its catalogue record only: for every component it recognizes,
 * a hand-written Deployment of its image gets the record's role, port (D3's wait, C4–C6), data
 * directory (D4) and uid (A3's suggestion), and the synthesizer writes the same facts.
 */

const cluster = clusterConfigSchema.parse({});
const NAMESPACE = 'platform-vibe-shop';

/** The component's Deployment (no Service, no volumes, no securityContext) and an app that waits for nothing. */
function setWith(component: ComponentRecord, image: string): ReviewContext {
  const deployment = (name: string, containerImage: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: containerImage }] } },
    },
  });
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    deployment('shop-app', 'harbor.internal.example.com/shop-app:0123abc'),
    deployment(`shop-${component.name}`, image),
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace: NAMESPACE }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  ];
  return new ReviewContext({ manifests: parseManifests(objects.map((o) => stringify(o)).join('---\n'), 'k8s/set.yaml'), cluster });
}

const imageOf = (component: ComponentRecord) => `harbor.internal.example.com/dockerhub-proxy/library/${component.name}:1`;
const recognized = COMPONENTS.filter((c) => c.images && c.images.test(c.name));
const workloadNamed = (context: ReviewContext, name: string) => context.workloads().find((w) => w.manifest.name === name)!;

describe('the component catalogue', () => {
  it('derives what a creator can turn on from the answer records: keys, vibe init\'s list, volume defaults, Helm blocks', () => {
    for (const answer of ANSWER_COMPONENTS) expect(PLATFORM_COMPONENTS[answer.key as keyof typeof PLATFORM_COMPONENTS]).toBe(answer.component);
    expect(INIT_COMPONENT_KEYS).toEqual(['postgres', 'mongo', 'redis', 'rabbitmq']);
    const defaults = answersSchema.parse({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, components: { postgres: {}, redis: {}, rabbitmq: {} } }).components;
    expect(defaults).toMatchObject({ postgres: { storage: '5Gi' }, redis: { storage: '1Gi', persistence: false }, rabbitmq: { storage: '2Gi' }, nginx: true });
    const helm = mapHelmValues({ app: {}, redis: { enabled: true, persistence: { enabled: true } }, rabbitmq: { enabled: true, storage: '3Gi' }, nginx: { enabled: false } });
    expect(helm.problems).toEqual([]);
    expect(helm.answers.components).toEqual({ redis: { persistence: true }, rabbitmq: { storage: '3Gi' }, nginx: false });
    expect(mapHelmValues({ app: {}, rabbitmq: { enabled: true, size: 'md' } }).problems.map((p) => p.field)).toEqual(['rabbitmq.size']);
  });

  it('recognizes the products users bring in Helm output', () => {
    expect(REVIEW_ONLY_COMPONENTS.map((c) => c.name)).toEqual(expect.arrayContaining(['mysql', 'mariadb', 'memcached', 'kafka', 'elasticsearch', 'opensearch', 'minio']));
  });

  it.each(recognized.map((c) => [c.name, c] as const))('gives a %s Deployment its role and component', (name, component) => {
    const context = setWith(component, imageOf(component));
    const workload = workloadNamed(context, `shop-${name}`);
    expect(context.roleOf(workload)).toBe(component.role);
    expect(context.componentOf(workload)?.name).toBe(component.name);
  });

  const databases = recognized.filter((c) => c.role === 'database');
  it.each(databases.map((c) => [c.name, c] as const))('fails D3 with a wait on the %s port, not another database\'s', (name, component) => {
    const context = setWith(component, imageOf(component));
    const messages = APP_WAITS_FOR_DATABASE.run(context).map((r) => r.message);
    expect(messages).toEqual([expect.stringContaining(`waits for shop-${name}:${clientPort(component).port}`)]);
  });

  it('fails D3 for a MySQL Deployment with "waits for …:3306" (the postgres port was named before)', () => {
    const mysql = REVIEW_ONLY_COMPONENTS.find((c) => c.name === 'mysql')!;
    const [result] = APP_WAITS_FOR_DATABASE.run(setWith(mysql, 'mysql:8.4'));
    expect(result.message).toContain('waits for shop-mysql:3306');
    expect(result.message).not.toContain('5432');
  });

  const stateful = recognized.filter((c) => ROLES[c.role].stateful);
  const reachCheck = { database: APP_REACHES_DATABASE, redis: APP_REACHES_REDIS, rabbitmq: APP_REACHES_RABBITMQ } as const;
  it.each(stateful.map((c) => [c.name, c] as const))('fails C4–C6 for %s on its catalogue port', (name, component) => {
    const check = reachCheck[component.role as keyof typeof reachCheck];
    const messages = check.run(setWith(component, imageOf(component))).map((r) => r.message);
    expect(messages).toEqual([expect.stringContaining(`Deployment shop-${name} on port ${clientPort(component).port}`)]);
  });

  const keepingData = recognized.filter((c) => c.data && !c.data.onlyWithPersistence);
  it.each(keepingData.map((c) => [c.name, c] as const))('fails D4 for %s at its data directory', (name, component) => {
    const messages = NO_DATA_ON_CONTAINER_FILESYSTEM.run(setWith(component, imageOf(component))).map((r) => r.message);
    expect(messages).toContainEqual(expect.stringContaining(`shop-${name} container "main" keeps its data in ${component.data!.path} on the container filesystem`));
  });

  it('reads a repackaged (bitnami) image\'s own data directory', () => {
    const mysql = REVIEW_ONLY_COMPONENTS.find((c) => c.name === 'mysql')!;
    const messages = NO_DATA_ON_CONTAINER_FILESYSTEM.run(setWith(mysql, 'harbor.internal.example.com/bitnami/mysql:8.4')).map((r) => r.message);
    expect(messages).toContainEqual(expect.stringContaining('keeps its data in /bitnami/mysql/data'));
  });

  it.each(recognized.map((c) => [c.name, c] as const))('suggests the %s image user in A3', (name, component) => {
    const context = setWith(component, imageOf(component));
    const [main] = workloadNamed(context, `shop-${name}`).containers;
    const fixes = runsAsNonRoot(main, context).map((p) => p.fix);
    expect(fixes).toEqual([`add runAsNonRoot: true and runAsUser: ${component.uid} to the pod securityContext`]);
  });

  it('is what the synthesizer writes: ports, uids, data directories, images and role labels', () => {
    const files = render({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, components: { postgres: true, redis: { persistence: true }, rabbitmq: true } });
    for (const name of ['postgres', 'redis', 'rabbitmq'] as const) {
      const record = PLATFORM_COMPONENTS[name];
      const pod = find(files, 'Deployment', `shop-${name}`).spec.template;
      expect(pod.metadata.labels['app.kubernetes.io/component']).toBe(ROLES[record.role].label);
      expect(pod.spec.securityContext.runAsUser).toBe(record.uid);
      const [container] = pod.spec.containers;
      expect(container.image).toMatch(new RegExp(`/${record.platform.image.replace(/[.]/g, '\\.')}$`));
      expect(container.ports[0]).toMatchObject({ name: clientPort(record).name, containerPort: clientPort(record).port });
      expect(container.volumeMounts[0].mountPath).toBe(record.data.path);
      expect(find(files, 'Service', `shop-${name}`).spec.ports[0].port).toBe(clientPort(record).port);
    }
    const exporter = find(files, 'Deployment', 'shop-redis-exporter').spec.template.spec;
    expect(exporter.securityContext.runAsUser).toBe(PLATFORM_COMPONENTS['redis-exporter'].uid);
    expect(exporter.containers[0].ports[0].containerPort).toBe(clientPort(PLATFORM_COMPONENTS['redis-exporter']).port);
  });
});
