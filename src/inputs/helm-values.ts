import { ANSWER_COMPONENTS, INIT_COMPONENT_KEYS } from '../components/catalogue';
import { closest, describeValue, type InputProblem } from '../contract/errors';
import { holdsValue, judgeNamedValue } from '../review/secrets/detector';

/**
 * The Helm chart's values.yaml shape (`app.*`, `cluster.*`, `postgres.*`, `ingress.*` …),
 * mapped onto the answers so existing apps migrate without rewriting their values.
 */

type Values = Record<string, unknown>;

/** Databases' Helm blocks carry `auth` (credentials, or the name of a Secret holding them). */
const hasAuth = (answer: (typeof ANSWER_COMPONENTS)[number]) => answer.component.role === 'database';

/** Known fields of the Helm shape: one block per component of the catalogue, as its answer record says. */
const HELM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': ['app', 'cluster', ...ANSWER_COMPONENTS.map((answer) => answer.key), 'ingress', 'network', 'businessMetrics'],
  'app': ['slug', 'name', 'image', 'size', 'runtime', 'mgmtSidecar', 'env', 'businessMetrics', 'secrets'],
  'app.mgmtSidecar': ['enabled'],
  ...Object.fromEntries(
    ANSWER_COMPONENTS.flatMap((answer) => [
      [answer.key, ['enabled', 'image', ...(answer.helmToggles ?? []), ...answer.helmOptions, ...(hasAuth(answer) ? ['auth'] : [])]],
      ...(answer.helmToggles ?? []).map((flag) => [`${answer.key}.${flag}`, ['enabled']]),
    ]),
  ),
  'ingress': ['enabled', 'tls', 'host'],
};

/** Helm fields that the library decides itself; their values are reported, not used. */
const IGNORED_FIELDS: Readonly<Record<string, string>> = {
  image: 'component images always come from cluster.mirrorPrefix, so this value is not used',
};

export interface HelmMapping {
  readonly answers: Values;
  readonly cluster: unknown;
  /** Unknown fields (errors). */
  readonly problems: InputProblem[];
  /** Accepted fields that have no effect (shown as notes). */
  readonly notes: string[];
}

/** A values file uses the Helm shape when it has an `app:` block. */
export function isHelmValues(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'app' in value;
}

export function mapHelmValues(values: Values): HelmMapping {
  const problems: InputProblem[] = [];
  const notes: string[] = [];
  checkFields(values, '', problems);
  problems.push(...plaintextCredentials(values, ''));

  const app = asMap(values.app);
  const answers: Values = {};
  copy(app, answers, ['slug', 'name', 'image', 'size', 'runtime', 'env', 'businessMetrics', 'secrets']);
  if (values.businessMetrics !== undefined) answers.businessMetrics = values.businessMetrics;

  const components: Values = {};
  const sidecar = asMap(app.mgmtSidecar);
  if (sidecar.enabled !== undefined) components.mgmtSidecar = sidecar.enabled;
  for (const answer of ANSWER_COMPONENTS) {
    const name = answer.key;
    const block = values[name];
    if (block === undefined) continue;
    const map = asMap(block);
    if (map.enabled === true && map.image !== undefined) notes.push(`${name}.image: ${IGNORED_FIELDS.image}.`);
    if (hasAuth(answer)) {
      const auth = asMap(map.auth);
      if (map.enabled === true && auth.existingSecret !== undefined) notes.push(`${name}.auth.existingSecret: credentials come from the app's sealed secrets (02-sealed-secrets.yaml); this value is not used.`);
    }
    components[name] = toggle(map, answer, enabledOf(map, name, answer.onByDefault === true, problems));
  }
  if (Object.keys(components).length) answers.components = components;
  if (values.ingress !== undefined) answers.ingress = values.ingress;
  if (values.network !== undefined) answers.network = values.network;

  return { answers, cluster: values.cluster ?? {}, problems, notes };
}

/**
 * How an answers path is written in the Helm shape, so problems name the user's own field.
 * `components.postgres.storage` → `postgres.storage`, `image.tag` → `app.image.tag`.
 */
export function helmPath(answersPath: string): string {
  if (answersPath.startsWith('cluster')) return answersPath;
  if (answersPath.startsWith('ingress') || answersPath.startsWith('network')) return answersPath;
  if (answersPath === 'components.mgmtSidecar') return 'app.mgmtSidecar.enabled';
  for (const answer of ANSWER_COMPONENTS) {
    const prefix = `components.${answer.key}`;
    if (answersPath !== prefix && !answersPath.startsWith(`${prefix}.`)) continue;
    const rest = answersPath.slice(prefix.length);
    const flag = answer.helmToggles?.find((t) => rest === `.${t}` || rest.startsWith(`.${t}.`));
    return flag ? `${answer.key}.${flag}.enabled` : `${answer.key}${rest || '.enabled'}`;
  }
  if (answersPath === 'components') return `${INIT_COMPONENT_KEYS[0]}.enabled`;
  return `app.${answersPath}`;
}

/**
 * Examples in the Helm file's own shape, keyed by the Helm path (helmPath): a creator editing
 * values.yaml sees `postgres: { enabled: true }`, never vibe.yaml's `components:` block.
 */
const HELM_EXAMPLES: Readonly<Record<string, string>> = {
  'app.slug': 'app: { slug: inventory-checker }',
  'app.name': 'app: { name: Inventory Checker }',
  'app.image': 'app: { image: { repository: inventory-checker-app, tag: "a3f91bc" } }',
  'app.image.repository': 'app: { image: { repository: inventory-checker-app } }',
  'app.image.tag': 'app: { image: { tag: "a3f91bc" } }',
  'app.size': 'app: { size: md }',
  'app.runtime': 'app: { runtime: node22 }',
  'app.env': 'app: { env: { FEATURE_FLAGS: "beta-search" } }',
  'app.secrets': 'app: { secrets: sealed-secrets.yaml }',
  'app.mgmtSidecar.enabled': 'app: { mgmtSidecar: { enabled: true } }',
  'app.businessMetrics[].name': 'businessMetrics: [{ name: orders_processed_total, type: counter, help: Orders processed }]',
  'app.businessMetrics[].type': 'businessMetrics: [{ name: orders_processed_total, type: counter, help: Orders processed }]',
  'postgres.enabled': 'postgres: { enabled: true, storage: 5Gi }',
  'postgres.storage': 'postgres: { enabled: true, storage: 5Gi }',
  'postgres.size': 'postgres: { enabled: true, size: md }',
  'mongo.enabled': 'mongo: { enabled: true, storage: 5Gi }',
  'mongo.storage': 'mongo: { enabled: true, storage: 5Gi }',
  'mongo.size': 'mongo: { enabled: true, size: md }',
  'redis.enabled': 'redis: { enabled: true }',
  'redis.storage': 'redis: { enabled: true, persistence: { enabled: true }, storage: 1Gi }',
  'redis.persistence.enabled': 'redis: { enabled: true, persistence: { enabled: true } }',
  'rabbitmq.enabled': 'rabbitmq: { enabled: true }',
  'rabbitmq.storage': 'rabbitmq: { enabled: true, storage: 2Gi }',
  'nginx.enabled': 'nginx: { enabled: true }',
  'nginx.spaFallback': 'nginx: { enabled: true, spaFallback: true }',
  'nginx.apiPrefix': 'nginx: { enabled: true, apiPrefix: /api/ }',
  'ingress.enabled': 'ingress: { enabled: true }',
  'ingress.tls': 'ingress: { enabled: true, tls: true }',
  'ingress.host': 'ingress: { host: inventory.internal.example.com }',
  'network': 'network: { egress: restricted, allowEgressTo: [{ cidr: 10.20.0.0/16, ports: [443], purpose: payments-api }] }',
  'network.egress': 'network: { egress: restricted }',
  'network.allowEgressTo[].cidr': 'network: { allowEgressTo: [{ cidr: 10.20.0.0/16, ports: [443] }] }',
};

/** The example for an answers path, written as in a Helm values file. */
export function helmExample(answersPath: string): string | undefined {
  if (answersPath === 'components') return 'postgres: { enabled: true } and mongo: { enabled: false } (one database)';
  return HELM_EXAMPLES[helmPath(answersPath)];
}

/**
 * A block's `enabled`, which must be true or false (YAML 1.1 words included, as Helm reads
 * them). Anything else is a problem of its own, and the block's options are still checked
 * (as if on) so every mistake in it shows at once.
 */
function enabledOf(map: Values, block: string, defaultOn: boolean, problems: InputProblem[]): boolean {
  const enabled = map.enabled ?? defaultOn;
  if (typeof enabled === 'boolean') return enabled;
  problems.push({ field: `${block}.enabled`, message: `got ${describeValue(enabled)}, expected true or false. Example: ${HELM_EXAMPLES[`${block}.enabled`]}` });
  return true;
}

/** A component's Helm block as its answer: `false`, `true` (the defaults) or its options. */
function toggle(map: Values, answer: (typeof ANSWER_COMPONENTS)[number], enabled: boolean): unknown {
  if (!enabled) return false;
  const options: Values = {};
  for (const name of answer.helmToggles ?? []) {
    const flag = asMap(map[name]).enabled;
    if (flag !== undefined) options[name] = flag;
  }
  copy(map, options, answer.helmOptions);
  return Object.keys(options).length ? options : true;
}

function checkFields(value: unknown, path: string, problems: InputProblem[]): void {
  const known = HELM_FIELDS[path];
  if (!known || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!known.includes(key)) {
      const suggestion = closest(key, known);
      problems.push({
        field: childPath,
        message: `unknown field.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known fields here: ${known.join(', ')}.`,
      });
      continue;
    }
    checkFields(child, childPath, problems);
  }
}

/**
 * A credential written in the values file (`postgres.auth.password: hunter2`, a token under any
 * key): refused, never quoted. The chart took such values; vibe-env takes credentials only sealed,
 * and the file is in git, so the value must be changed. `app.env` is judged by the answers.
 */
function plaintextCredentials(value: unknown, path: string, depth = 0): InputProblem[] {
  if (path === 'app.env' || depth > 20) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => plaintextCredentials(item, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => plaintextCredentials(child, path ? `${path}.${key}` : key, depth + 1));
  }
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  const key = path.replace(/\[\d+\]$/, '').split('.').pop() ?? '';
  // Under `auth:` the chart's user and database names are settings, its passwords and keys are not.
  const verdict = judgeNamedValue(key, value) ?? (/(?:^|\.)auth\./.test(path) && !/^(?:username|user|database|existingSecret|enabled)$/i.test(key) && holdsValue(value) ? { what: 'a credential (under auth)' } : undefined);
  if (!verdict) return [];
  return [
    {
      field: path,
      message:
        `holds ${verdict.what === 'a credential by its name' || verdict.what.startsWith('a ') ? verdict.what : `a ${verdict.what}`} in plain text (the value is not shown). ` +
        'This file is in git, so the value is in its history: change it (rotate the credential) now. Then delete it from the file and seal the new value: ' +
        'vibe seal --values values.yaml --cert <cluster cert> --generate (component passwords), or --from-env for your own.',
    },
  ];
}

function asMap(value: unknown): Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Values) : {};
}

function copy(from: Values, to: Values, keys: readonly string[]): void {
  for (const key of keys) if (from[key] !== undefined) to[key] = from[key];
}
