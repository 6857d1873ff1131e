import { labelsOf, type Labels } from './label-selector';
import { locationOf, type ManifestObject } from '../manifests/manifest-object';
import { mapsOf } from '../review/values';

/** A port a container declares (or an actor listens on); names resolve named policy ports. */
export interface DeclaredPort {
  readonly port: number;
  /** `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
  readonly name?: string;
}

/**
 * The pods of one workload. They share labels, namespace and ports, so for NetworkPolicy they
 * are one endpoint; connections between replicas of the same workload are not listed.
 */
export interface PodEndpoint {
  readonly type: 'pod';
  /** `namespace/Kind/name`, unique in a set. */
  readonly id: string;
  /** The workload kind: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Pod template labels. */
  readonly labels: Labels;
  /** Labels of the pod's namespace, always with `kubernetes.io/metadata.name`. */
  readonly namespaceLabels: Labels;
  /** Ports of the containers (and of native sidecars: init containers that keep running). */
  readonly ports: readonly DeclaredPort[];
  readonly manifest: ManifestObject;
}

/**
 * Someone outside the manifest set: either a pod in the cluster (`namespace` set, matched by
 * selectors) or an address outside the cluster (`address` set, matched only by ipBlocks).
 * Create them with `podActor` or `addressActor`.
 */
export interface ActorEndpoint {
  readonly type: 'actor';
  /** Short, unique: `ingress-controller`. */
  readonly id: string;
  /** For people: `ingress controller (kube-system)`. */
  readonly title: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  /** Extra namespace labels; `kubernetes.io/metadata.name` is always added. */
  readonly namespaceLabels?: Labels;
  readonly address?: string;
  /** Ports the actor listens on, when it is the destination of an egress probe. */
  readonly ports?: readonly DeclaredPort[];
}

export type Endpoint = PodEndpoint | ActorEndpoint;

/** Something in the set that the evaluator could not read as written. */
export interface NetworkProblem {
  readonly manifest: ManifestObject;
  readonly message: string;
}

/** The label every namespace carries automatically (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Where each workload kind keeps its pod template. */
const POD_TEMPLATES: Readonly<Record<string, (object: Record<string, any>) => unknown>> = {
  Pod: (object) => object,
  Deployment: (object) => object.spec?.template,
  StatefulSet: (object) => object.spec?.template,
  DaemonSet: (object) => object.spec?.template,
  ReplicaSet: (object) => object.spec?.template,
  ReplicationController: (object) => object.spec?.template,
  Job: (object) => object.spec?.template,
  CronJob: (object) => object.spec?.jobTemplate?.spec?.template,
};

/** True for the kinds whose pods the evaluator models. */
export function isWorkload(manifest: ManifestObject): boolean {
  return Object.prototype.hasOwnProperty.call(POD_TEMPLATES, manifest.kind);
}

/**
 * The pods of one workload, or a problem when it has no pod template to read.
 * `namespaceLabels` gives the labels of a namespace (automatic label included).
 */
export function podEndpointOf(
  manifest: ManifestObject,
  namespace: string,
  namespaceLabels: Labels,
  problems: NetworkProblem[],
): PodEndpoint | undefined {
  const template = POD_TEMPLATES[manifest.kind]?.(manifest.object) as { metadata?: { labels?: unknown }; spec?: Record<string, unknown> } | undefined;
  if (!template || typeof template !== 'object' || typeof template.spec !== 'object' || template.spec === null) {
    problems.push({ manifest, message: `${locationOf(manifest)}: ${manifest.kind}/${manifest.name} has no pod template (spec); its pods are left out of the network graph.` });
    return undefined;
  }
  return {
    type: 'pod',
    id: `${namespace}/${manifest.kind}/${manifest.name}`,
    kind: manifest.kind,
    name: manifest.name,
    namespace,
    labels: labelsOf(template.metadata?.labels),
    namespaceLabels,
    ports: declaredPorts(template.spec),
    manifest,
  };
}

function declaredPorts(spec: Record<string, unknown>): DeclaredPort[] {
  const containers = [
    ...mapsOf(spec.containers),
    // Native sidecars (restartPolicy: Always) keep running and serve their ports.
    ...mapsOf(spec.initContainers).filter((c) => c.restartPolicy === 'Always'),
  ];
  const ports: DeclaredPort[] = [];
  for (const container of containers) {
    for (const entry of mapsOf(container.ports)) {
      const port = entry.containerPort;
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) continue;
      const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'TCP';
      const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined;
      ports.push(name ? { port, protocol, name } : { port, protocol });
    }
  }
  return ports;
}

/** `Deployment shop-app`, `ingress controller (kube-system)`: how people name an endpoint. */
export function endpointTitle(endpoint: Endpoint): string {
  return endpoint.type === 'pod' ? `${endpoint.kind} ${endpoint.name}` : endpoint.title;
}
