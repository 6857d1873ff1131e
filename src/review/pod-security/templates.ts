import { asList, asMap, type ManifestMap } from '../values';

/** Where each pod-bearing kind keeps its pod template. */
export const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Where operators' custom kinds usually keep a pod template (Argo Rollouts, Knative, KEDA jobs, …). */
const CUSTOM_TEMPLATE_PATHS: readonly (readonly string[])[] = [
  ['spec', 'template'],
  ['spec', 'podTemplate'],
  ['spec', 'jobTemplate', 'spec', 'template'],
  ['spec', 'jobTargetRef', 'template'],
];

/** A pod template found in an object. */
export interface PodTemplate {
  readonly metadata: ManifestMap;
  readonly spec: ManifestMap;
  /** How the object reaches the pod: `spec.template.`, or `` for a Pod. */
  readonly prefix: string;
  /** True when the kind is not one Kubernetes itself runs pods from. */
  readonly custom: boolean;
}

export function isPodBearingKind(kind: string): boolean {
  return Object.hasOwn(TEMPLATE_PATHS, kind);
}

/**
 * The pod template of an object: that of a built-in pod-bearing kind, or, for any other kind, one
 * that is clearly a PodTemplateSpec (a `spec` whose `containers` is a non-empty list of
 * containers, each with a name and an image) at a usual place. Anything less is left alone: a
 * custom kind's `template` may be anything.
 */
export function podTemplateOf(object: ManifestMap): PodTemplate | undefined {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  if (isPodBearingKind(kind)) {
    const path = TEMPLATE_PATHS[kind];
    const template = asMap(at(object, path));
    return { metadata: asMap(template.metadata), spec: asMap(template.spec), prefix: prefixOf(path), custom: false };
  }
  // A custom resource's group is a DNS name (`argoproj.io/v1alpha1`); a built-in group without a dot runs no custom pods.
  const group = typeof object.apiVersion === 'string' && object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  if (!group.includes('.')) return undefined;
  for (const path of CUSTOM_TEMPLATE_PATHS) {
    const template = at(object, path);
    if (!isPodTemplateSpec(template)) continue;
    return { metadata: asMap(template.metadata), spec: asMap(template.spec), prefix: prefixOf(path), custom: true };
  }
  return undefined;
}

function isPodTemplateSpec(value: unknown): value is { metadata?: unknown; spec: ManifestMap } {
  const spec = asMap(asMap(value).spec);
  const containers = asList(spec.containers);
  return (
    containers.length > 0 &&
    containers.every((item) => {
      const container = asMap(item);
      return typeof container.name === 'string' && typeof container.image === 'string';
    })
  );
}

function at(object: unknown, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) value = asMap(value)[key];
  return value;
}

function prefixOf(path: readonly string[]): string {
  return path.length ? `${path.join('.')}.` : '';
}
