import { z } from 'zod';
import { CLUSTER_DEFAULTS, withDerivedDefaults } from './cluster-defaults';
import { DNS_LABEL, DNS_NAME, LABEL_KEY, LABEL_VALUE, REGISTRY } from './patterns';
import { OLDEST_SUPPORTED_MINOR, parsePolicyVersion } from '../review/pod-security/version';

/**
 * Set once by the platform team for every app of a cluster. Every value of the Helm chart's
 * `cluster:` block has a home here. Defaults are derived from `prefix` and `registry`.
 */
const labelMap = z
  .record(
    z.string().regex(LABEL_KEY, { error: 'is not a valid label key; use a name like app.kubernetes.io/name.' }),
    z.string().regex(LABEL_VALUE, { error: 'is not a valid label value; use letters, digits, "-", "_" or ".".' }),
  )
  .refine((labels) => Object.keys(labels).length > 0, { error: 'needs at least one label, or no pod can be selected.' });

/** The run-time check of ClusterConfigInput (see the interface below). Not exported from the package index; kept in the declarations because ClusterConfig is derived from it. */
export const clusterConfigSchema = z
  .strictObject({
    prefix: z
      .string()
      .max(20, { error: 'must be at most 20 characters so app namespaces stay short.' })
      .regex(DNS_LABEL, { error: 'must be lowercase letters, digits and "-", starting and ending with a letter or digit.' })
      .default(CLUSTER_DEFAULTS.prefix),
    registry: z
      .string()
      .regex(REGISTRY, { error: 'must be a registry host with an optional port and path, without a scheme or trailing slash.' })
      .default(CLUSTER_DEFAULTS.registry),
    mirrorPrefix: z
      .string()
      .regex(REGISTRY, { error: 'must be a registry host and path of the Docker Hub mirror, without a scheme or trailing slash.' })
      .optional(),
    /**
     * A mirror per upstream registry; each defaults to `{registry}/<name>-proxy`. `dockerHub` is
     * `mirrorPrefix` under another name (a resolved config read back in), so the two must agree.
     */
    mirrors: z
      .strictObject({
        dockerHub: z.string().regex(REGISTRY, { error: 'must be a registry host and path of the Docker Hub mirror, without a scheme or trailing slash.' }).optional(),
        gcr: z.string().regex(REGISTRY, { error: 'must be a registry host and path of the gcr.io mirror, without a scheme or trailing slash.' }).optional(),
        ghcr: z.string().regex(REGISTRY, { error: 'must be a registry host and path of the ghcr.io mirror, without a scheme or trailing slash.' }).optional(),
        quay: z.string().regex(REGISTRY, { error: 'must be a registry host and path of the quay.io mirror, without a scheme or trailing slash.' }).optional(),
      })
      .optional(),
    observabilityNamespace: z
      .string()
      .regex(DNS_LABEL, { error: 'must be a namespace name (lowercase letters, digits and "-").' })
      .optional(),
    ingressHostPattern: z
      .string()
      .refine((p) => p.includes('{slug}'), { error: 'must contain {slug} so every app gets its own host.' })
      .refine((p) => DNS_NAME.test(p.replace(/\{prefix\}/g, 'p').replace(/\{slug\}/g, 's')), {
        error: 'must be a DNS name with {prefix} and {slug} placeholders.',
      })
      .default(CLUSTER_DEFAULTS.ingressHostPattern),
    ingressClassName: z.string().regex(DNS_LABEL, { error: 'must be an IngressClass name.' }).default(CLUSTER_DEFAULTS.ingressClassName),
    ingressController: z
      .strictObject({
        namespace: z.string().regex(DNS_LABEL, { error: 'must be a namespace name.' }).default(CLUSTER_DEFAULTS.ingressControllerNamespace),
        podLabels: labelMap.default(() => ({ ...CLUSTER_DEFAULTS.ingressControllerPodLabels })),
      })
      .prefault({}),
    /** The cluster DNS, which restricted egress must still reach. */
    dns: z
      .strictObject({
        namespace: z.string().regex(DNS_LABEL, { error: 'must be a namespace name.' }).default(CLUSTER_DEFAULTS.dnsNamespace),
        podLabels: labelMap.default(() => ({ ...CLUSTER_DEFAULTS.dnsPodLabels })),
      })
      .prefault({}),
    /** TLS for Ingresses: a shared certificate Secret, a cert-manager issuer, or the controller's default certificate. */
    tls: z
      .strictObject({
        secretName: z.string().regex(DNS_LABEL, { error: 'must be a Secret name.' }).optional(),
        clusterIssuer: z.string().regex(DNS_NAME, { error: 'must be a cert-manager ClusterIssuer name.' }).optional(),
      })
      .prefault({}),
    sealedSecrets: z
      .strictObject({
        controllerName: z.string().regex(DNS_LABEL, { error: 'must be a Service name.' }).default(CLUSTER_DEFAULTS.sealedSecretsControllerName),
        controllerNamespace: z.string().regex(DNS_LABEL, { error: 'must be a namespace name.' }).default(CLUSTER_DEFAULTS.sealedSecretsControllerNamespace),
      })
      .prefault({}),
    /** StorageClass of the data volumes; the cluster's default class when absent. */
    storageClassName: z.string().regex(DNS_NAME, { error: 'must be a StorageClass name.' }).optional(),
    otelEndpoint: z
      .url({ error: 'must be a URL such as http://otel-collector.observability.svc:4317.' })
      .optional(),
    /**
     * The Pod Security version the cluster's admission judges pods by (its Kubernetes minor, or
     * the namespaces' `pod-security.kubernetes.io/enforce-version`); the review applies the rules
     * of that version. Text, because YAML reads an unquoted 1.30 as the number 1.3.
     */
    podSecurityVersion: z
      .string({ error: 'must be a Kubernetes version in quotes, such as "1.28" (YAML reads an unquoted 1.30 as the number 1.3), or latest.' })
      .refine((v) => (parsePolicyVersion(v) ?? 0) >= OLDEST_SUPPORTED_MINOR, {
        error: `must be a Kubernetes version from 1.${OLDEST_SUPPORTED_MINOR} on, such as "1.28" or "v1.34", or latest.`,
      })
      .default(CLUSTER_DEFAULTS.podSecurityVersion),
  })
  .refine((c) => !(c.mirrorPrefix && c.mirrors?.dockerHub && c.mirrorPrefix !== c.mirrors.dockerHub), {
    error: 'mirrors.dockerHub and mirrorPrefix name the same Docker Hub mirror but differ; set only mirrorPrefix.',
    path: ['mirrors', 'dockerHub'],
  })
  .transform(withDerivedDefaults);

/** Where pods of a platform service run: their namespace and the labels that select them. */
export interface PodsInput {
  /**
   * The namespace the pods run in.
   * @default - the platform default of the service (see `ingressController` and `dns`)
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
   */
  readonly namespace?: string;
  /**
   * Labels that select those pods (at least one), for the NetworkPolicy rules that let traffic
   * through to or from them.
   * @default - the platform default of the service (see `ingressController` and `dns`)
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * What a platform engineer may write, once for every app of a cluster (vibe.yaml's `cluster:`,
 * a `--cluster-config` file, the Helm chart's `cluster:` block, or `VibeApp`'s `cluster`). Every
 * field is optional; the platform defaults fill the rest, and `mirrorPrefix`,
 * `observabilityNamespace` and `otelEndpoint` derive from `prefix` and `registry`. Checked at run
 * time by the cluster config schema, which this interface is held equal to at compile time.
 */
export interface ClusterConfigInput {
  /**
   * Starts every app namespace (`<prefix>-vibe-<slug>`) and the ingress hosts: lowercase letters,
   * digits and "-", at most 20 characters.
   * @default "platform"
   */
  readonly prefix?: string;
  /**
   * The registry the app images come from (host, optional port and path; no scheme).
   * @default "harbor.internal.example.com"
   */
  readonly registry?: string;
  /**
   * The registry path that mirrors Docker Hub, for the images of components (PostgreSQL, Redis …).
   * @default - `<registry>/dockerhub-proxy`
   */
  readonly mirrorPrefix?: string;
  /**
   * A mirror per upstream registry. `dockerHub` is `mirrorPrefix` under another name (a resolved
   * config read back in), so the two must agree.
   * @default - each `<registry>/<name>-proxy` (`dockerhub-proxy`, `gcr-proxy`, `ghcr-proxy`, `quay-proxy`)
   */
  readonly mirrors?: {
    /** The Docker Hub mirror. @default - `mirrorPrefix` */
    readonly dockerHub?: string;
    /** The gcr.io mirror. @default - `<registry>/gcr-proxy` */
    readonly gcr?: string;
    /** The ghcr.io mirror. @default - `<registry>/ghcr-proxy` */
    readonly ghcr?: string;
    /** The quay.io mirror. @default - `<registry>/quay-proxy` */
    readonly quay?: string;
  };
  /**
   * The namespace of the OpenTelemetry collector and Prometheus, which may reach the apps' metrics.
   * @default - `<prefix>-vibe-observability`
   */
  readonly observabilityNamespace?: string;
  /**
   * The host of each app's Ingress, with `{prefix}` and `{slug}` placeholders (`{slug}` required).
   * @default "{prefix}-{slug}.internal.example.com"
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#name-based-virtual-hosting
   */
  readonly ingressHostPattern?: string;
  /**
   * The IngressClass of every Ingress (`spec.ingressClassName`).
   * @default "traefik"
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
   */
  readonly ingressClassName?: string;
  /**
   * The ingress controller's pods, which the network policies let in.
   * @default - namespace "kube-system", podLabels `app.kubernetes.io/name: traefik`
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress-controllers/
   */
  readonly ingressController?: PodsInput;
  /**
   * The cluster DNS, which restricted egress must still reach.
   * @default - namespace "kube-system", podLabels `k8s-app: kube-dns`
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
   */
  readonly dns?: PodsInput;
  /**
   * TLS for Ingresses: a shared certificate Secret, a cert-manager ClusterIssuer, or (neither)
   * the controller's default certificate.
   * @default - the ingress controller's default certificate
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
   */
  readonly tls?: {
    /**
     * A `kubernetes.io/tls` Secret in each app namespace that every Ingress uses.
     * @default - none
     * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
     */
    readonly secretName?: string;
    /**
     * A cert-manager ClusterIssuer that issues a certificate per Ingress.
     * @default - none
     */
    readonly clusterIssuer?: string;
  };
  /**
   * The Sealed Secrets controller that opens the sealed values (`vibe seal --fetch-cert` asks it).
   * @default - "sealed-secrets-controller" in "kube-system"
   */
  readonly sealedSecrets?: {
    /**
     * Its Service name.
     * @default "sealed-secrets-controller"
     */
    readonly controllerName?: string;
    /**
     * Its namespace.
     * @default "kube-system"
     */
    readonly controllerNamespace?: string;
  };
  /**
   * StorageClass of the data volumes (`spec.storageClassName` of each PersistentVolumeClaim).
   * @default - the cluster's default StorageClass
   * @see https://kubernetes.io/docs/concepts/storage/storage-classes/
   */
  readonly storageClassName?: string;
  /**
   * The OpenTelemetry collector the apps send traces and metrics to (OTLP gRPC).
   * @default - `http://otel-collector.<observabilityNamespace>.svc.cluster.local:4317`
   */
  readonly otelEndpoint?: string;
  /**
   * The Pod Security version the cluster's admission judges pods by (its Kubernetes minor, or
   * the namespaces' `pod-security.kubernetes.io/enforce-version`); the review applies the rules
   * of that version. Text, because YAML reads an unquoted 1.30 as the number 1.3.
   * @default "1.28"
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurityVersion?: string;
}

/** The cluster config with every default applied (what the schema makes of a ClusterConfigInput). */
export type ClusterConfig = z.output<typeof clusterConfigSchema>;

// The documented interface and the schema say the same: a field added to one and not the other,
// at any depth, or of another type, fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameShape<A, B> =
  Same<A, B> extends false ? false
    : Same<keyof A, keyof B> extends false ? false
      : false extends FieldsSameShape<A, B> ? false
        : true;
type FieldsSameShape<A, B> = {
  [K in keyof A & keyof B]-?: NonNullable<A[K]> extends object ? SameShape<NonNullable<A[K]>, NonNullable<B[K]>> : true;
}[keyof A & keyof B];
const INPUT_MATCHES_SCHEMA: SameShape<ClusterConfigInput, z.input<typeof clusterConfigSchema>> = true;
void INPUT_MATCHES_SCHEMA;

export const CLUSTER_CONFIG_EXAMPLES: Readonly<Record<string, string>> = {
  'prefix': 'prefix: platform',
  'registry': 'registry: harbor.internal.example.com',
  'mirrorPrefix': 'mirrorPrefix: harbor.internal.example.com/dockerhub-proxy',
  'mirrors': 'mirrors: { gcr: harbor.internal.example.com/gcr-proxy, ghcr: harbor.internal.example.com/ghcr-proxy, quay: harbor.internal.example.com/quay-proxy }',
  'mirrors.gcr': 'gcr: harbor.internal.example.com/gcr-proxy',
  'mirrors.ghcr': 'ghcr: harbor.internal.example.com/ghcr-proxy',
  'mirrors.quay': 'quay: harbor.internal.example.com/quay-proxy',
  'observabilityNamespace': 'observabilityNamespace: platform-vibe-observability',
  'ingressHostPattern': 'ingressHostPattern: "{prefix}-{slug}.internal.example.com"',
  'ingressClassName': 'ingressClassName: traefik',
  'ingressController.namespace': 'namespace: kube-system',
  'sealedSecrets.controllerName': 'controllerName: sealed-secrets-controller',
  'otelEndpoint': 'otelEndpoint: http://otel-collector.platform-vibe-observability.svc.cluster.local:4317',
  'podSecurityVersion': 'podSecurityVersion: "1.28"',
};
