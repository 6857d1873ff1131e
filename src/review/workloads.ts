import { textOf } from './text';
import type { ManifestObject } from '../manifests/manifest-object';
import { TEMPLATE_PATHS } from './pod-security/templates';

export type ContainerRole = 'init' | 'main' | 'ephemeral';

export interface ContainerRef {
  readonly container: Record<string, any>;
  readonly role: ContainerRole;
  readonly workload: Workload;
}

/** A manifest object that runs pods, with its pod spec and containers found once. */
export interface Workload {
  readonly manifest: ManifestObject;
  /** Pod template metadata (labels, annotations); `{}` when absent. */
  readonly podMetadata: Record<string, any>;
  /** The pod spec; `{}` when absent (a broken manifest still gets reviewed). */
  readonly podSpec: Record<string, any>;
  /** Init, main and ephemeral containers, in that order. */
  readonly containers: readonly ContainerRef[];
}

export function isWorkloadKind(kind: string): boolean {
  // Own keys only: a kind named `constructor` or `toString` is not a workload.
  return Object.hasOwn(TEMPLATE_PATHS, kind);
}

/** The pod template of a workload object (the Pod itself for `kind: Pod`). */
export function workloadOf(manifest: ManifestObject): Workload | undefined {
  if (!isWorkloadKind(manifest.kind)) return undefined;
  const path = TEMPLATE_PATHS[manifest.kind];
  let template: any = manifest.object;
  for (const key of path) template = template?.[key];
  const podSpec = asObject(template?.spec);
  const containers: ContainerRef[] = [];
  // The refs point back at the workload, so the list is filled after the workload exists.
  const workload: Workload = { manifest, podMetadata: asObject(template?.metadata), podSpec, containers };
  for (const [key, role] of [
    ['initContainers', 'init'],
    ['containers', 'main'],
    ['ephemeralContainers', 'ephemeral'],
  ] as const) {
    const list = podSpec[key];
    if (Array.isArray(list)) for (const container of list) containers.push({ container: asObject(container), role, workload });
  }
  return workload;
}

function asObject(value: unknown): Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** `Deployment/shop-app container "app"`, for messages. */
export function describeContainer(ref: ContainerRef): string {
  const what = ref.role === 'init' ? 'init container' : ref.role === 'ephemeral' ? 'ephemeral container' : 'container';
  return `${ref.workload.manifest.kind}/${ref.workload.manifest.name} ${what} "${textOf(ref.container.name ?? '?')}"`;
}
