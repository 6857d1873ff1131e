/**
 * The Kubernetes resource types the cluster commands read, with the REST paths the API server
 * serves them on. Pure data: nothing here talks to a cluster.
 */
export interface ResourceType {
  readonly kind: string;
  /** API group; `''` for the core group (`/api/v1`). */
  readonly group: string;
  /** The version read when the committed manifests do not name one. */
  readonly version: string;
  /** The lowercase plural of the REST path and of RBAC rules. */
  readonly plural: string;
  readonly namespaced: boolean;
}

const core = (kind: string, plural: string, namespaced = true): ResourceType => ({ kind, group: '', version: 'v1', plural, namespaced });
const grouped = (kind: string, group: string, version: string, plural: string): ResourceType => ({ kind, group, version, plural, namespaced: true });

export const NAMESPACE = core('Namespace', 'namespaces', false);
export const DEPLOYMENT = grouped('Deployment', 'apps', 'v1', 'deployments');
export const STATEFUL_SET = grouped('StatefulSet', 'apps', 'v1', 'statefulsets');
export const POD = core('Pod', 'pods');
export const SECRET = core('Secret', 'secrets');
export const SEALED_SECRET = grouped('SealedSecret', 'bitnami.com', 'v1alpha1', 'sealedsecrets');

/** Everything a namespace of the platform holds that the review gate and `vibe diff` read, Namespace first. */
export const NAMESPACE_RESOURCES: readonly ResourceType[] = [
  NAMESPACE,
  DEPLOYMENT,
  STATEFUL_SET,
  grouped('DaemonSet', 'apps', 'v1', 'daemonsets'),
  grouped('Job', 'batch', 'v1', 'jobs'),
  grouped('CronJob', 'batch', 'v1', 'cronjobs'),
  POD,
  core('Service', 'services'),
  grouped('Ingress', 'networking.k8s.io', 'v1', 'ingresses'),
  grouped('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies'),
  core('ConfigMap', 'configmaps'),
  SECRET,
  SEALED_SECRET,
  core('PersistentVolumeClaim', 'persistentvolumeclaims'),
  grouped('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers'),
  grouped('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets'),
  core('ServiceAccount', 'serviceaccounts'),
];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType, version = type.version): string {
  return type.group ? `${type.group}/${version}` : version;
}

/** The group of an `apiVersion`: `apps` for `apps/v1`, `''` for `v1`. */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** The version of an `apiVersion`: `v1` for `apps/v1`. */
export function versionOf(apiVersion: string): string {
  return apiVersion.split('/').pop() ?? '';
}

/** The type of `kind` in the group of `apiVersion` (any group when it is not given), if known. */
export function resourceFor(kind: string, apiVersion?: string): ResourceType | undefined {
  return NAMESPACE_RESOURCES.find((t) => t.kind === kind && (apiVersion === undefined || t.group === groupOf(apiVersion)));
}

/** `/api/v1/namespaces/<ns>/pods`, `/apis/apps/v1/namespaces/<ns>/deployments`, `/api/v1/namespaces`. */
export function collectionPath(type: ResourceType, namespace: string | undefined, version = type.version): string {
  const root = type.group ? `/apis/${type.group}/${version}` : `/api/${version}`;
  return type.namespaced ? `${root}/namespaces/${segment(namespace ?? '')}/${type.plural}` : `${root}/${type.plural}`;
}

/** The path of one object (`…/deployments/<name>`), with an optional subresource (`scale`, `log`). */
export function objectPath(type: ResourceType, namespace: string | undefined, name: string, subresource?: string, version = type.version): string {
  return `${collectionPath(type, namespace, version)}/${segment(name)}${subresource ? `/${subresource}` : ''}`;
}

/** The resource as RBAC rules and `kubectl auth can-i` name it: `deployments.apps`, `pods/log`. */
export function rbacResource(type: ResourceType, subresource?: string): string {
  return `${type.plural}${type.group ? `.${type.group}` : ''}${subresource ? `/${subresource}` : ''}`;
}

/** Names are DNS labels; anything else is escaped rather than allowed to change the path. */
function segment(name: string): string {
  return encodeURIComponent(name);
}
