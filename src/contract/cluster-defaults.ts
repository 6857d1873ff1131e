import type { ClusterConfig } from './cluster-config';
import type { RegistryMirrors, Upstream } from './images';
import { DEFAULT_POLICY_VERSION } from '../review/pod-security/version';

/**
 * The platform defaults of the cluster config, in one place for the schema (which applies them
 * to what a platform engineer writes) and for a review without a config file, which gets them
 * without loading the schema and its validation library.
 */
export const CLUSTER_DEFAULTS = {
  prefix: 'platform',
  registry: 'harbor.internal.example.com',
  ingressHostPattern: '{prefix}-{slug}.internal.example.com',
  ingressClassName: 'traefik',
  ingressControllerNamespace: 'kube-system',
  ingressControllerPodLabels: { 'app.kubernetes.io/name': 'traefik' },
  dnsNamespace: 'kube-system',
  dnsPodLabels: { 'k8s-app': 'kube-dns' },
  sealedSecretsControllerName: 'sealed-secrets-controller',
  sealedSecretsControllerNamespace: 'kube-system',
  podSecurityVersion: DEFAULT_POLICY_VERSION,
} as const;

/** The settings whose defaults derive from others. */
export interface DerivableSettings {
  readonly prefix: string;
  readonly registry: string;
  readonly mirrorPrefix?: string;
  /** A mirror per upstream registry (Docker Hub's is `mirrorPrefix`). */
  readonly mirrors?: Partial<Record<Upstream, string>>;
  readonly observabilityNamespace?: string;
  readonly otelEndpoint?: string;
}

/** The derived settings, as the resolved config holds them. */
export interface DerivedSettings {
  readonly mirrorPrefix: string;
  /** Every upstream's mirror, Docker Hub's (= mirrorPrefix) included. */
  readonly mirrors: RegistryMirrors;
  readonly observabilityNamespace: string;
  readonly otelEndpoint: string;
}

/**
 * The settings derived from `prefix` and `registry` when the config does not set them. Each
 * upstream's mirror defaults to a proxy-cache project of the cluster registry:
 * `{registry}/dockerhub-proxy`, `{registry}/gcr-proxy`, `{registry}/ghcr-proxy`, `{registry}/quay-proxy`.
 */
export function withDerivedDefaults<T extends DerivableSettings>(config: T): Omit<T, keyof DerivedSettings> & DerivedSettings {
  const observabilityNamespace = config.observabilityNamespace ?? `${config.prefix}-vibe-observability`;
  const mirrorPrefix = config.mirrorPrefix ?? config.mirrors?.dockerHub ?? `${config.registry}/dockerhub-proxy`;
  return {
    ...config,
    mirrorPrefix,
    mirrors: {
      dockerHub: mirrorPrefix,
      gcr: config.mirrors?.gcr ?? `${config.registry}/gcr-proxy`,
      ghcr: config.mirrors?.ghcr ?? `${config.registry}/ghcr-proxy`,
      quay: config.mirrors?.quay ?? `${config.registry}/quay-proxy`,
    },
    observabilityNamespace,
    otelEndpoint: config.otelEndpoint ?? `http://otel-collector.${observabilityNamespace}.svc.cluster.local:4317`,
  };
}

/** The cluster config with nothing set: every platform default (what the schema makes of `{}`). */
export function defaultClusterConfig(): ClusterConfig {
  const d = CLUSTER_DEFAULTS;
  return withDerivedDefaults({
    prefix: d.prefix,
    registry: d.registry,
    ingressHostPattern: d.ingressHostPattern,
    ingressClassName: d.ingressClassName,
    ingressController: { namespace: d.ingressControllerNamespace, podLabels: { ...d.ingressControllerPodLabels } },
    dns: { namespace: d.dnsNamespace, podLabels: { ...d.dnsPodLabels } },
    tls: {},
    sealedSecrets: { controllerName: d.sealedSecretsControllerName, controllerNamespace: d.sealedSecretsControllerNamespace },
    podSecurityVersion: d.podSecurityVersion,
  });
}
