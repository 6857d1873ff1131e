import { z } from 'zod';
import { DEFAULT_RUNTIME, RUNTIMES, type Runtime } from './images';
import { COMMIT_SHA, DNS_1035_LABEL, DNS_NAME, ENV_NAME, IMAGE_DIGEST, REPOSITORY, SECRET_LOOKING_NAME, STORAGE_QUANTITY } from './patterns';
import { DEFAULT_SIZE, SIZES, type Size } from './sizes';
import { defaultStorage } from '../components/catalogue';
import { isCredentialName } from '../review/secrets/credential-names';
import { judgeNamedValue } from '../review/secrets/detector';
import { SealedSecretFile } from '../seal/sealed-secret-file';

/**
 * The creator's answers. The TypeScript interfaces carry what the compiler can check (the size
 * union, no literal `latest` tag); the zod schema below checks the rest at run time, for
 * main.ts, vibe.yaml and Helm values alike.
 */

/**
 * What the compiler shows for a literal `latest` tag: the type a refused tag must match is this
 * sentence, so the editor's message says what to do (`never` read "not assignable to never").
 */
export type LatestTagRefused = 'the tag "latest" is refused: a new push can silently change what runs. Use the commit SHA CI built (image-tag.json), e.g. a3f91bc';

/** Rejects the literal tag `latest` at compile time; zod rejects every other mutable tag. */
export type ImmutableTag<T extends string> = Lowercase<T> extends 'latest' ? { readonly [message in LatestTagRefused]: true } : T;

export interface ImageAnswer<Tag extends string = string> {
  /** Repository path inside the cluster registry, without host or tag, e.g. `inventory-checker-app`. */
  readonly repository: string;
  /** Commit SHA (7–40 hex characters) or `sha256:` digest. Never `latest`. */
  readonly tag: Tag & ImmutableTag<Tag>;
}

export interface DatabaseOptions {
  /** Size of the data volume. @default '5Gi' */
  readonly storage?: string;
  /** T-shirt size of the database container; raised to `md` when smaller. @default 'md' */
  readonly size?: Size;
}

export interface RedisOptions {
  /** Keep data across restarts on a volume (append-only file). @default false */
  readonly persistence?: boolean;
  /** Size of the data volume when persistence is on. @default '1Gi' */
  readonly storage?: string;
}

export interface RabbitmqOptions {
  /** Size of the queue volume. @default '2Gi' */
  readonly storage?: string;
}

export interface NginxOptions {
  /** Serve the app's `/index.html` for unknown paths (single-page apps). @default false */
  readonly spaFallback?: boolean;
  /** Paths under this prefix are API calls and keep their 404s when `spaFallback` is on. @default '/api/' */
  readonly apiPrefix?: string;
}

export interface ComponentsAnswer {
  /** A PostgreSQL 16 database (never together with mongo). @default false */
  readonly postgres?: boolean | DatabaseOptions;
  /** A MongoDB 7.0 database (never together with postgres). @default false */
  readonly mongo?: boolean | DatabaseOptions;
  /** A Redis 7.4 cache. @default false */
  readonly redis?: boolean | RedisOptions;
  /** A RabbitMQ 3.13 broker. @default false */
  readonly rabbitmq?: boolean | RabbitmqOptions;
  /** The nginx reverse proxy in front of the app. @default true */
  readonly nginx?: boolean | NginxOptions;
  /** An nginx sidecar that answers the health endpoints for apps that cannot. @default false */
  readonly mgmtSidecar?: boolean;
}

export interface IngressAnswer {
  /** Publish the app through the cluster's ingress controller. @default true */
  readonly enabled?: boolean;
  /** Serve HTTPS. @default true */
  readonly tls?: boolean;
  /** Host name. @default - from the cluster's ingressHostPattern */
  readonly host?: string;
}

export interface EgressAllowance {
  /** Addresses outside the cluster, as a CIDR block (`10.20.0.0/16`, `203.0.113.7/32`). */
  readonly cidr: string;
  /** TCP ports the app may open there. */
  readonly ports: readonly number[];
  /** Why, in a few words (shown in the policy name and the README). @default - the CIDR block */
  readonly purpose?: string;
}

export interface NetworkAnswer {
  /**
   * `open`: outgoing traffic is left to the cluster's own egress wall. `restricted`: the
   * namespace denies all egress except DNS, its own flows, the OTEL endpoint and `allowEgressTo`.
   * @default 'open'
   */
  readonly egress?: 'open' | 'restricted';
  /** With `restricted`: addresses the app may reach outside the cluster. @default [] */
  readonly allowEgressTo?: readonly EgressAllowance[];
}

export interface BusinessMetric {
  /** Prometheus metric name; counters end in `_total`. */
  readonly name: string;
  /**
   * The Prometheus metric type.
   * @see https://prometheus.io/docs/concepts/metric_types/
   */
  readonly type: 'counter' | 'gauge' | 'histogram';
  /** What the number means, in the creator's words. */
  readonly help: string;
  /** Label names the app sets on the metric. @default [] */
  readonly labels?: readonly string[];
}

/** The five questions (plus runtime, config and business metrics). */
export interface VibeAnswers<Tag extends string = string> {
  /** Short name: lowercase letters, digits and '-'. Names the namespace and every object. */
  readonly slug: string;
  /** Display name for reports and dashboards. @default - the slug in title case */
  readonly name?: string;
  /** The app's own image, in the cluster registry, with an immutable tag. */
  readonly image: ImageAnswer<Tag>;
  /** T-shirt size of the app. @default 'md' */
  readonly size?: Size;
  /** The stateful services the app uses (each gets its own chart, credentials and flows). @default - none */
  readonly components?: ComponentsAnswer;
  /**
   * Whether the app is reachable from outside the cluster, at its host from the cluster's pattern.
   * @default - not exposed (no Ingress)
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
   */
  readonly ingress?: IngressAnswer;
  /** Outgoing traffic. @default - egress open (the cluster blocks the internet) */
  readonly network?: NetworkAnswer;
  /** Language runtime (picks the Dockerfile base image). @default 'node22' */
  readonly runtime?: Runtime;
  /** Non-sensitive settings, put in the ConfigMap. Secret-looking names are rejected. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** The "three numbers" that tell whether the app is working. @default [] */
  readonly businessMetrics?: readonly BusinessMetric[];
  /**
   * The app's sealed credentials (ciphertext only; plaintext cannot be passed here).
   * @default - none: required credentials become REPLACE_ME stubs
   */
  readonly secrets?: SealedSecretFile;
}

export { SECRET_LOOKING_NAME };

/**
 * The env goes to the ConfigMap in plain text: a credential there is refused, judged by name and
 * value together (the review's detector: `DB_PASS`, `sk_live_…`, a password in a URL, a random
 * key under `STRIPE_KEY`), while `TOKEN_TTL_SECONDS=3600` passes. The message names the field and
 * what was recognised, never the value (`sensitive` keeps the formatter from quoting it).
 */
function refuseCredentials(env: Record<string, string>, context: z.RefinementCtx): void {
  for (const [name, value] of Object.entries(env)) {
    const verdict = judgeNamedValue(name, value);
    if (!verdict && !(isCredentialName(name) && value.trim() === '')) continue;
    const what = !verdict || verdict.by === 'name' ? 'looks like a credential by its name' : `holds ${verdict.by === 'format' ? 'a ' : ''}${verdict.what} (the value is not shown)`;
    context.addIssue({
      code: 'custom',
      path: [name],
      params: { sensitive: true },
      message: `${what}: in env it would be written in plain text to the ConfigMap. Seal it instead: vibe seal --values vibe.yaml --cert <cluster cert> --from-env ${name}, and add it under secrets, never in env. If this file is already in git, the value is in its history: change (rotate) it.`,
    });
  }
}

/** ConfigMap keys the platform sets; only LOG_LEVEL may be overridden by the creator. */
export const PLATFORM_ENV_KEYS = ['APP_SLUG', 'APP_NAME', 'PORT', 'MGMT_PORT', 'LOG_FORMAT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'] as const;

const storage = (fallback: string) =>
  z.string().regex(STORAGE_QUANTITY, { error: 'must be a whole number of Ki, Mi, Gi or Ti, such as 5Gi.' }).default(fallback);

const sizeSchema = z.enum(SIZES);

const databaseOptions = z.strictObject({ storage: storage(defaultStorage('postgres')), size: sizeSchema.default('md') });
const toggled = <T extends z.ZodType>(options: T) => z.union([z.boolean(), options]).default(false);

const imageSchema = z.strictObject({
  repository: z
    .string()
    .refine((r) => !r.includes(':'), { error: 'must not contain a tag or port; put the tag in image.tag.' })
    .refine((r) => !/^[^/]*\./.test(r), {
      error: 'must be the path inside the cluster registry, without a host; the registry comes from the cluster config.',
    })
    .refine((r) => REPOSITORY.test(r), { error: 'must be lowercase letters, digits, ".", "_", "-" and "/".' }),
  tag: z
    .string({ error: 'must be text: put the SHA in quotes so YAML keeps it exactly (an all-digit SHA would become a number).' })
    .refine((t) => t.toLowerCase() !== 'latest', {
      error: '"latest" is a mutable tag: a new push can silently change what runs. Use the commit SHA CI built.',
    })
    .refine((t) => t.toLowerCase() === 'latest' || COMMIT_SHA.test(t) || IMAGE_DIGEST.test(t), {
      error: 'must be an immutable commit SHA (7 to 40 lowercase hex characters) or a sha256: digest; other tags can be moved.',
    }),
});

const businessMetricSchema = z
  .strictObject({
    name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, {
      error: 'must be a Prometheus metric name: letters, digits, "_" and ":", not starting with a digit.',
    }),
    type: z.enum(['counter', 'gauge', 'histogram']),
    help: z.string().min(1, { error: 'must say in a few words what the number means.' }),
    labels: z
      .array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'must be a Prometheus label name.' }).refine((l) => !l.startsWith('__'), {
        error: 'must not start with "__" (reserved by Prometheus).',
      }))
      .max(5, { error: 'may have at most 5 labels; more labels make the dashboard slow.' })
      .default([]),
  })
  .refine((m) => m.type !== 'counter' || m.name.endsWith('_total'), {
    error: 'is a counter, so its name must end in "_total".',
    path: ['name'],
  });

/** The run-time check of VibeAnswers (AppModel.resolve applies it). Not exported from the package index; kept in the declarations because ResolvedAnswers is derived from it. */
export const answersSchema = z
  .strictObject({
    slug: z
      .string()
      .min(1, { error: 'is required: a short lowercase name for the app.' })
      .regex(DNS_1035_LABEL, {
        error: 'must be lowercase letters, digits and "-", start with a letter and end with a letter or digit.',
      }),
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty.' })
      .max(100, { error: 'must be at most 100 characters.' })
      .regex(/^[^\p{Cc}"\\]+$/u, { error: 'must be one line of text without quotes or backslashes.' })
      .optional(),
    image: imageSchema,
    size: sizeSchema.default(DEFAULT_SIZE),
    runtime: z.enum(RUNTIMES).default(DEFAULT_RUNTIME),
    components: z
      .strictObject({
        postgres: toggled(databaseOptions),
        mongo: toggled(databaseOptions),
        redis: toggled(z.strictObject({ persistence: z.boolean().default(false), storage: storage(defaultStorage('redis')) })),
        rabbitmq: toggled(z.strictObject({ storage: storage(defaultStorage('rabbitmq')) })),
        nginx: z
          .union([
            z.boolean(),
            z.strictObject({
              spaFallback: z.boolean().default(false),
              apiPrefix: z
                .string()
                .regex(/^\/[A-Za-z0-9._~\-/]*\/$/, { error: 'must be a path that starts and ends with "/", such as /api/.' })
                .default('/api/'),
            }),
          ])
          .default(true),
        mgmtSidecar: z.boolean().default(false),
      })
      .prefault({})
      .refine((c) => !(c.postgres && c.mongo), {
        error: 'postgres and mongo cannot both be on: pick one database (postgres for tables, mongo for documents).',
      }),
    ingress: z
      .strictObject({
        enabled: z.boolean().default(true),
        tls: z.boolean().default(true),
        host: z.string().toLowerCase().regex(DNS_NAME, { error: 'must be a DNS host name such as inventory.internal.example.com.' }).optional(),
      })
      .prefault({}),
    network: z
      .strictObject({
        egress: z.enum(['open', 'restricted']).default('open'),
        allowEgressTo: z
          .array(
            z.strictObject({
              cidr: z.string().regex(/^(\d{1,3})(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/, { error: 'must be an IPv4 CIDR block such as 10.20.0.0/16.' }).refine(
                (cidr) => cidr.split('/')[0].split('.').every((octet) => Number(octet) <= 255),
                { error: 'has an address part above 255.' },
              ),
              ports: z.array(z.number().int().min(1).max(65535, { error: 'must be a port from 1 to 65535.' })).min(1, { error: 'needs at least one port.' }),
              purpose: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/, { error: 'must be a short lowercase name such as payments-api.' }).optional(),
            }),
          )
          .max(20, { error: 'may list at most 20 destinations.' })
          .default([]),
      })
      .prefault({})
      .refine((n) => n.egress === 'restricted' || n.allowEgressTo.length === 0, {
        error: 'allowEgressTo only means something with egress: restricted (open egress allows everything the cluster allows).',
      }),
    env: z
      .record(
        z
          .string()
          .regex(ENV_NAME, { error: 'is not a valid environment variable name; use letters, digits and "_".' })
          .refine((k) => !(PLATFORM_ENV_KEYS as readonly string[]).includes(k), {
            error: `is set by the platform; choose another name (platform keys: ${PLATFORM_ENV_KEYS.join(', ')}).`,
          }),
        z.string({ error: 'must be text; put quotes around numbers and true/false.' }),
      )
      .superRefine(refuseCredentials)
      .default({}),
    secrets: z
      .custom<SealedSecretFile>((value) => value instanceof SealedSecretFile, {
        error: 'must be a sealed file: SealedSecretFile.load("sealed-secrets.yaml") in main.ts, or the file name in vibe.yaml. Plain values are never accepted.',
      })
      .optional(),
    businessMetrics: z.array(businessMetricSchema).max(10, { error: 'may declare at most 10 business metrics.' }).default([]),
  });

/** Answers with every default applied, as the constructs see them. */
export type ResolvedAnswers = z.output<typeof answersSchema>;

/** Examples shown with each problem, keyed by the field path in vibe.yaml / main.ts. */
export const ANSWER_EXAMPLES: Readonly<Record<string, string>> = {
  'slug': 'slug: inventory-checker',
  'name': 'name: Inventory Checker',
  'image': 'image: { repository: inventory-checker-app, tag: a3f91bc }',
  'image.repository': 'repository: inventory-checker-app',
  'image.tag': 'tag: a3f91bc',
  'size': 'size: md',
  'runtime': 'runtime: node22',
  'components': 'components: { postgres: true, redis: true }',
  'components.postgres': 'postgres: { storage: 5Gi }',
  'components.mongo': 'mongo: true',
  'components.redis': 'redis: { persistence: true }',
  'components.rabbitmq': 'rabbitmq: true',
  'components.nginx': 'nginx: { spaFallback: true }',
  'components.nginx.apiPrefix': 'apiPrefix: /api/',
  'components.mgmtSidecar': 'mgmtSidecar: true',
  'ingress.enabled': 'enabled: true',
  'ingress.tls': 'tls: true',
  'ingress.host': 'host: inventory.internal.example.com',
  'env': 'env: { FEATURE_FLAGS: "beta-search" }',
  'network': 'network: { egress: restricted, allowEgressTo: [{ cidr: 10.20.0.0/16, ports: [443], purpose: payments-api }] }',
  'network.egress': 'egress: restricted',
  'network.allowEgressTo[].cidr': 'cidr: 10.20.0.0/16',
  'secrets': 'secrets: sealed-secrets.yaml',
  'businessMetrics[].name': 'name: orders_processed_total',
  'businessMetrics[].type': 'type: counter',
};
