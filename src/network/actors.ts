import type { ActorEndpoint, DeclaredPort } from './endpoints';
import type { Labels } from './label-selector';
import type { ClusterConfig } from '../contract/cluster-config';
import { defaultClusterConfig } from '../contract/cluster-defaults';
import { otelTarget } from '../contract/intended-flows';

/** An address outside the cluster (TEST-NET-3, RFC 5737): stands for "the internet". */
export const INTERNET_ADDRESS = '203.0.113.10';

/** A namespace nobody's policy names: stands for "some other app's namespace". */
export const OTHER_NAMESPACE = 'some-other-namespace';

export interface PodActorProps {
  readonly id: string;
  readonly title: string;
  readonly namespace: string;
  /** @default {} - a pod with labels no policy names */
  readonly labels?: Labels;
  /** @default - only the automatic `kubernetes.io/metadata.name` label */
  readonly namespaceLabels?: Labels;
  /** @default [] */
  readonly ports?: readonly DeclaredPort[];
}

/** A pod in the cluster but outside the manifest set; selectors match it, ipBlocks never do. */
export function podActor(props: PodActorProps): ActorEndpoint {
  return { type: 'actor', labels: {}, ...props };
}

/** An address outside the cluster; only ipBlock peers (or "everyone") match it. */
export function addressActor(props: { readonly id: string; readonly title: string; readonly address: string }): ActorEndpoint {
  return { type: 'actor', ...props };
}

/** A connection a pod may want to open to an actor, checked against the pod's egress policies. */
export interface EgressProbe {
  readonly to: ActorEndpoint;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: string;
}

/** The outside parties that matter for an app namespace, from the cluster config. */
export interface ClusterActors {
  /** Routes creators' traffic in: namespace and pod labels from `cluster.ingressController`. */
  readonly ingressController: ActorEndpoint;
  /** The metrics scraper: any pod of `cluster.observabilityNamespace`. */
  readonly observability: ActorEndpoint;
  /** A pod with arbitrary labels in an unrelated namespace. */
  readonly otherNamespace: ActorEndpoint;
  /** An address outside the cluster. */
  readonly internet: ActorEndpoint;
  /** Cluster DNS (`k8s-app: kube-dns` in kube-system), port 53 UDP and TCP. */
  readonly dns: ActorEndpoint;
  /** The OTEL collector of `cluster.otelEndpoint`. */
  readonly otelCollector: ActorEndpoint;
  /** Who may open connections into the set: ingress controller, observability, other namespace, internet. */
  readonly sources: readonly ActorEndpoint[];
  /** What pods must (DNS, OTEL) or must not (internet) reach, to judge an "egress: restricted" set. */
  readonly egressProbes: readonly EgressProbe[];
}

/** The actors of a cluster; without a config, the platform defaults. */
export function clusterActors(cluster: ClusterConfig = defaultClusterConfig()): ClusterActors {
  const controller = cluster.ingressController;
  const ingressController = podActor({
    id: 'ingress-controller',
    title: `ingress controller (${controller.namespace})`,
    namespace: controller.namespace,
    labels: controller.podLabels,
  });
  const observability = podActor({
    id: 'observability',
    title: `observability (${cluster.observabilityNamespace})`,
    namespace: cluster.observabilityNamespace,
  });
  const otherNamespace = podActor({ id: 'other-namespace', title: `a pod in another namespace (${OTHER_NAMESPACE})`, namespace: OTHER_NAMESPACE });
  const internet = addressActor({ id: 'internet', title: `the internet (${INTERNET_ADDRESS})`, address: INTERNET_ADDRESS });
  const dns = podActor({
    id: 'dns',
    title: 'cluster DNS (kube-system)',
    namespace: cluster.dns.namespace,
    labels: cluster.dns.podLabels,
    ports: [{ port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, protocol: 'TCP', name: 'dns-tcp' }],
  });
  const otel = otelTarget(cluster.otelEndpoint, cluster.observabilityNamespace);
  const otelCollector = podActor({
    id: 'otel-collector',
    title: `OTEL collector (${otel.namespace})`,
    namespace: otel.namespace,
    ports: [{ port: otel.port, protocol: 'TCP' }],
  });
  return {
    ingressController,
    observability,
    otherNamespace,
    internet,
    dns,
    otelCollector,
    sources: [ingressController, observability, otherNamespace, internet],
    egressProbes: [
      { to: dns, port: 53, protocol: 'UDP' },
      { to: dns, port: 53, protocol: 'TCP' },
      { to: otelCollector, port: otel.port, protocol: 'TCP' },
      { to: internet, port: 443, protocol: 'TCP' },
    ],
  };
}
