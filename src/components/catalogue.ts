import { PORT_NAMES, PORTS } from '../contract/ports';

/**
 * The component catalogue: what each component is, written once. The synthesizer builds the
 * platform's own components from these records (image, port, uid, data directory, role label,
 * exporter, dashboard query), and the review recognizes workloads by them (image names, ports,
 * uid to suggest, where the image keeps its data and how a manifest moves it). Adding a
 * component the review should recognize is one record here plus fixtures; no check changes.
 *
 * Pure data with no import of cdk8s, constructs or zod: `vibe review` loads it.
 */

/**
 * What a workload is for, as the review's checks scope themselves. The names are the checks'
 * own (their slugs say `app-reaches-redis`): `redis` is the cache role, `rabbitmq` the message
 * broker role, whatever product fills it.
 */
export type WorkloadRole = 'app' | 'nginx' | 'database' | 'redis' | 'rabbitmq' | 'exporter';

/** What every component of a role shares. */
export interface RoleRecord {
  /** The `app.kubernetes.io/component` label value that states the role. */
  readonly label: string;
  /** The uid to suggest when nothing better is known (the role's usual image user). */
  readonly uid: number;
  /** How messages name a component of the role: `the database`. */
  readonly words: string;
  /** Keeps state: held to the stateful rules (data on a claim, Recreate, closed network, size md). */
  readonly stateful: boolean;
}

export const ROLES: Readonly<Record<WorkloadRole, RoleRecord>> = {
  app: { label: 'application', uid: 1000, words: 'the app', stateful: false },
  nginx: { label: 'reverse-proxy', uid: 101, words: 'the nginx proxy', stateful: false },
  database: { label: 'database', uid: 999, words: 'the database', stateful: true },
  redis: { label: 'cache', uid: 999, words: 'the redis cache', stateful: true },
  rabbitmq: { label: 'message-broker', uid: 999, words: 'the rabbitmq broker', stateful: true },
  exporter: { label: 'metrics-exporter', uid: 65534, words: 'the exporter', stateful: false },
};

/** Every role, in the order above. */
export const WORKLOAD_ROLES = Object.keys(ROLES) as WorkloadRole[];

/** A port the component serves, by the name the platform gives it. */
export interface ComponentPort {
  readonly name: string;
  readonly port: number;
}

/** Where an image keeps its data, and what a manifest writes to move it. */
export interface DataDirectory {
  /** The image's default data directory. */
  readonly path: string;
  /**
   * Repackaged images (matched on the whole image reference) that keep it elsewhere, such as
   * `bitnami/…` images under `/bitnami`.
   */
  readonly repackaged?: readonly { readonly image: RegExp; readonly path: string }[];
  /** An environment variable that moves it (`PGDATA`); a list value's first entry counts. */
  readonly env?: string;
  /** A command-line flag that moves it (`--dir`, `--datadir`). */
  readonly flag?: string;
  /** A subcommand whose first argument is the directory (`minio server /data`). */
  readonly subcommand?: string;
  /** Data is kept only when the command line turns persistence on (redis: appendonly or save). */
  readonly onlyWithPersistence?: boolean;
}

/** One component. */
export interface ComponentRecord {
  /** `postgres`; for the platform's own components, the workload name suffix `{slug}-postgres`. */
  readonly name: string;
  /** `PostgreSQL`, as people write it. */
  readonly title: string;
  readonly role: WorkloadRole;
  /**
   * Image names (last path segment, before the tag) that reveal the component. Undefined for
   * the creator's app, which is recognized by being nothing else.
   */
  readonly images?: RegExp;
  /** The ports it serves; the first is the one clients connect to. */
  readonly ports: readonly ComponentPort[];
  /** The non-root uid of the image's own user. */
  readonly uid: number;
  /** Where it keeps data; undefined when it keeps none. */
  readonly data?: DataDirectory;
  /** Present for the components the platform itself runs. */
  readonly platform?: PlatformRecord;
}

/** What the synthesizer needs beyond what the review reads. */
export interface PlatformRecord {
  /** The image as a path below the cluster's Docker Hub mirror; undefined for the creator's app. */
  readonly image?: string;
  /** The exporter that runs beside it (a catalogue name). */
  readonly exporter?: string;
  /** A port scraped on the component itself (RabbitMQ's built-in Prometheus endpoint). */
  readonly metricsPort?: number;
  /** The dashboard's "is it up" query, for the app's scope (`namespace="…"`). */
  readonly upQuery?: (scope: string) => string;
  /** How a creator turns it on; undefined for what every app has (the app) or what runs beside another (exporters). */
  readonly answer?: AnswerRecord;
}

/**
 * A component as the creator asks for it: its key under `components:` in vibe.yaml or main.ts,
 * which is also its block in Helm-shaped values (`rabbitmq: { enabled: true, storage: 2Gi }`).
 */
export interface AnswerRecord {
  /** The key under `components:` and the Helm values block. */
  readonly key: string;
  /** The default size of its data volume, when it keeps data. */
  readonly storage?: string;
  /** Its options that a Helm values block carries as they are (besides `enabled` and `image`). */
  readonly helmOptions: readonly string[];
  /** Its yes/no options, which a Helm values block writes as `{ enabled: … }` (redis: `persistence.enabled`). */
  readonly helmToggles?: readonly string[];
  /** On unless the answers turn it off (nginx). */
  readonly onByDefault?: boolean;
  /** A `components:` entry that turns it on, for the examples shown with a problem. */
  readonly example: string;
  /** Offered by `vibe init` and its prompt among the databases and helpers (nginx is a yes/no of its own). */
  readonly offeredByInit: boolean;
}

/** Official images of databases, caches and brokers run as uid 999. */
const OFFICIAL_IMAGE_UID = 999;
/** `nobody`, the user of most exporter images. */
const NOBODY = 65534;

/** The components the platform synthesizes, keyed by workload suffix. */
export const PLATFORM_COMPONENTS = {
  'app': {
    name: 'app',
    title: 'the app',
    role: 'app',
    ports: [
      { name: PORT_NAMES.http, port: PORTS.http },
      { name: PORT_NAMES.mgmt, port: PORTS.mgmt },
    ],
    uid: 1000,
    platform: {},
  },
  'nginx': {
    name: 'nginx',
    title: 'nginx',
    role: 'nginx',
    images: /^(nginx|nginx-unprivileged)$/,
    ports: [{ name: PORT_NAMES.http, port: PORTS.nginx }],
    uid: 101,
    platform: {
      image: 'nginx:1.27',
      answer: { key: 'nginx', helmOptions: ['spaFallback', 'apiPrefix'], onByDefault: true, example: 'nginx: { spaFallback: true }', offeredByInit: false },
    },
  },
  'postgres': {
    name: 'postgres',
    title: 'PostgreSQL',
    role: 'database',
    images: /^(postgres|postgresql)$/,
    ports: [{ name: 'postgres', port: 5432 }],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/var/lib/postgresql/data', env: 'PGDATA', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/postgresql' }] },
    platform: {
      image: 'postgres:16',
      exporter: 'postgres-exporter',
      upQuery: (scope: string) => `max(pg_up{${scope}})`,
      answer: { key: 'postgres', storage: '5Gi', helmOptions: ['storage', 'size'], example: 'postgres: { storage: 5Gi }', offeredByInit: true },
    },
  },
  'mongo': {
    name: 'mongo',
    title: 'MongoDB',
    role: 'database',
    images: /^(mongo|mongodb)$/,
    ports: [{ name: 'mongo', port: 27017 }],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/data/db', flag: 'dbpath', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/mongodb' }] },
    platform: {
      image: 'mongo:7.0',
      exporter: 'mongodb-exporter',
      upQuery: (scope: string) => `max(mongodb_up{${scope}})`,
      answer: { key: 'mongo', storage: '5Gi', helmOptions: ['storage', 'size'], example: 'mongo: true', offeredByInit: true },
    },
  },
  'redis': {
    name: 'redis',
    title: 'Redis',
    role: 'redis',
    images: /^(redis|redis-stack|valkey)$/,
    ports: [{ name: 'redis', port: 6379 }],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/data', flag: 'dir', onlyWithPersistence: true },
    platform: {
      image: 'redis:7.4',
      exporter: 'redis-exporter',
      upQuery: (scope: string) => `max(redis_up{${scope}})`,
      answer: { key: 'redis', storage: '1Gi', helmOptions: ['storage'], helmToggles: ['persistence'], example: 'redis: { persistence: true }', offeredByInit: true },
    },
  },
  'rabbitmq': {
    name: 'rabbitmq',
    title: 'RabbitMQ',
    role: 'rabbitmq',
    images: /^rabbitmq$/,
    // The management UI (15672) is not declared, not in the Service and allowed by no policy.
    ports: [
      { name: 'amqp', port: 5672 },
      { name: 'metrics', port: 15692 },
    ],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/var/lib/rabbitmq' },
    platform: {
      image: 'rabbitmq:3.13-management',
      // rabbitmq_prometheus, on in the official image.
      metricsPort: 15692,
      upQuery: (scope: string) => `max(up{${scope}, pod=~".*-rabbitmq-.*"})`,
      answer: { key: 'rabbitmq', storage: '2Gi', helmOptions: ['storage'], example: 'rabbitmq: true', offeredByInit: true },
    },
  },
  'postgres-exporter': {
    name: 'postgres-exporter',
    title: 'the PostgreSQL exporter',
    role: 'exporter',
    images: /^postgres-exporter$/,
    ports: [{ name: 'metrics', port: 9187 }],
    uid: NOBODY,
    platform: { image: 'prometheuscommunity/postgres-exporter:v0.15.0' },
  },
  'mongodb-exporter': {
    name: 'mongodb-exporter',
    title: 'the MongoDB exporter',
    role: 'exporter',
    images: /^mongodb_exporter$/,
    ports: [{ name: 'metrics', port: 9216 }],
    uid: NOBODY,
    platform: { image: 'percona/mongodb_exporter:0.40' },
  },
  'redis-exporter': {
    name: 'redis-exporter',
    title: 'the Redis exporter',
    role: 'exporter',
    images: /^redis_exporter$/,
    ports: [{ name: 'metrics', port: 9121 }],
    uid: 59000,
    platform: { image: 'oliver006/redis_exporter:v1.63.0' },
  },
} as const satisfies Readonly<Record<string, ComponentRecord>>;

/** The name of a workload the platform may run in an app namespace (`{slug}-{component}`). */
export type WorkloadComponent = keyof typeof PLATFORM_COMPONENTS;

type Platform = typeof PLATFORM_COMPONENTS;
/** The components a creator turns on by a key under `components:` (postgres, …, nginx). */
export type AnswerComponent = { [K in WorkloadComponent]: Platform[K]['platform'] extends { readonly answer: AnswerRecord } ? K : never }[WorkloadComponent];
/** The stateful ones among them (databases, caches, brokers): those whose answer has a volume size. */
export type StatefulComponentName = { [K in AnswerComponent]: Platform[K]['platform'] extends { readonly answer: { readonly storage: string } } ? K : never }[AnswerComponent];

/** The answer record of each component a creator can turn on, in catalogue order. */
export const ANSWER_COMPONENTS: readonly (AnswerRecord & { readonly component: ComponentRecord })[] = Object.values(
  PLATFORM_COMPONENTS as Readonly<Record<string, ComponentRecord>>,
).flatMap(
  (component) => (component.platform?.answer ? [{ ...component.platform.answer, component }] : []),
);

/** The answer keys `vibe init` offers among the databases and helpers, in catalogue order: `postgres, mongo, redis, rabbitmq`. */
export const INIT_COMPONENT_KEYS: readonly string[] = ANSWER_COMPONENTS.filter((answer) => answer.offeredByInit).map((answer) => answer.key);

/** The default volume size of a component that keeps data (`5Gi`). */
export function defaultStorage(key: StatefulComponentName): string {
  const storage = ANSWER_COMPONENTS.find((answer) => answer.key === key)?.storage;
  if (storage === undefined) throw new Error(`the catalogue has no storage default for ${key}`);
  return storage;
}

/**
 * Components the review recognizes in hand-written and Helm-rendered sets but the platform does
 * not run. Kept after the platform's own, so a platform image is recognized first.
 */
export const REVIEW_ONLY_COMPONENTS: readonly ComponentRecord[] = [
  {
    name: 'mysql',
    title: 'MySQL',
    role: 'database',
    images: /^mysql$/,
    ports: [{ name: 'mysql', port: 3306 }],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/var/lib/mysql', flag: 'datadir', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/mysql/data' }] },
  },
  {
    name: 'mariadb',
    title: 'MariaDB',
    role: 'database',
    images: /^mariadb$/,
    ports: [{ name: 'mysql', port: 3306 }],
    uid: OFFICIAL_IMAGE_UID,
    data: { path: '/var/lib/mysql', flag: 'datadir', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/mariadb/data' }] },
  },
  {
    name: 'elasticsearch',
    title: 'Elasticsearch',
    role: 'database',
    images: /^elasticsearch$/,
    ports: [
      { name: 'http', port: 9200 },
      { name: 'transport', port: 9300 },
    ],
    uid: 1000,
    data: { path: '/usr/share/elasticsearch/data', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/elasticsearch/data' }] },
  },
  {
    name: 'opensearch',
    title: 'OpenSearch',
    role: 'database',
    images: /^opensearch$/,
    ports: [
      { name: 'http', port: 9200 },
      { name: 'transport', port: 9300 },
    ],
    uid: 1000,
    data: { path: '/usr/share/opensearch/data', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/opensearch/data' }] },
  },
  {
    name: 'minio',
    title: 'MinIO',
    role: 'database',
    images: /^minio$/,
    ports: [
      { name: 'api', port: 9000 },
      { name: 'console', port: 9001 },
    ],
    uid: 1000,
    data: { path: '/data', subcommand: 'server', env: 'MINIO_VOLUMES', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/minio/data' }] },
  },
  {
    name: 'memcached',
    title: 'Memcached',
    role: 'redis',
    images: /^memcached$/,
    ports: [{ name: 'memcache', port: 11211 }],
    uid: 11211,
  },
  {
    name: 'kafka',
    title: 'Kafka',
    role: 'rabbitmq',
    images: /^(kafka|cp-kafka)$/,
    ports: [{ name: 'kafka', port: 9092 }],
    uid: 1000,
    data: { path: '/var/lib/kafka/data', env: 'KAFKA_LOG_DIRS', repackaged: [{ image: /(^|\/)bitnami\//, path: '/bitnami/kafka' }] },
  },
  {
    // Any other Prometheus exporter: the image name says so.
    name: 'exporter',
    title: 'the exporter',
    role: 'exporter',
    images: /exporter/,
    ports: [],
    uid: NOBODY,
  },
];

/** Every component, the platform's first. */
export const COMPONENTS: readonly ComponentRecord[] = [...Object.values(PLATFORM_COMPONENTS), ...REVIEW_ONLY_COMPONENTS];

/** The platform component of a workload suffix. */
export function platformComponent(name: WorkloadComponent): ComponentRecord {
  return PLATFORM_COMPONENTS[name];
}

/** The port clients connect to. */
export function clientPort(component: ComponentRecord): ComponentPort {
  return component.ports[0];
}

/** `harbor.x/team/postgres:16` → `postgres`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? '';
  return last.split(':')[0];
}

/** The component an image reference reveals, if any. */
export function componentOfImage(image: string): ComponentRecord | undefined {
  const name = imageName(image);
  if (!name) return undefined;
  return COMPONENTS.find((component) => component.images?.test(name));
}

/** The role an `app.kubernetes.io/component` label value states, if it is one of the roles'. */
export function roleOfLabel(label: string): WorkloadRole | undefined {
  return WORKLOAD_ROLES.find((role) => ROLES[role].label === label);
}

/** The components that fill a role, platform first (the first is the role's usual one). */
export function componentsWithRole(role: WorkloadRole): readonly ComponentRecord[] {
  return COMPONENTS.filter((component) => component.role === role);
}

/** The data directory of an image with its default, its repackaged variants resolved. */
export function defaultDataPath(data: DataDirectory, image: string): string {
  return data.repackaged?.find((variant) => variant.image.test(image))?.path ?? data.path;
}

/** The roles that keep state. */
export const STATEFUL_ROLES: readonly WorkloadRole[] = WORKLOAD_ROLES.filter((role) => ROLES[role].stateful);

/**
 * How a message names a recognized component: by its role's words for the platform's own kinds
 * (`the database`), by its title for a product the platform does not run (`MySQL`).
 */
export function componentWords(role: WorkloadRole, component: ComponentRecord | undefined): string {
  return component && !component.platform ? component.title : ROLES[role].words;
}
