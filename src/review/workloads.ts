import { TEMPLATE_PATHS } from './pod-security/templates';
import { textOf } from './text';
import { asMap, type ManifestMap } from './values';
import type { ManifestObject } from '../manifests/manifest-object';

export type ContainerRole = 'init' | 'main' | 'ephemeral';

export interface ContainerRef {
  readonly container: ManifestMap;
  readonly role: ContainerRole;
  readonly workload: Workload;
}

/** A manifest object that runs pods, with its pod spec and containers found once. */
export interface Workload {
  readonly manifest: ManifestObject;
  /** Pod template metadata (labels, annotations); `{}` when absent. */
  readonly podMetadata: ManifestMap;
  /** The pod spec; `{}` when absent (a broken manifest still gets reviewed). */
  readonly podSpec: ManifestMap;
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
  let template: ManifestMap = manifest.object;
  for (const key of path) template = asMap(template[key]);
  const podSpec = asMap(template.spec);
  const containers: ContainerRef[] = [];
  // The refs point back at the workload, so the list is filled after the workload exists.
  const workload: Workload = { manifest, podMetadata: asMap(template.metadata), podSpec, containers };
  for (const [key, role] of [
    ['initContainers', 'init'],
    ['containers', 'main'],
    ['ephemeralContainers', 'ephemeral'],
  ] as const) {
    const list = podSpec[key];
    if (Array.isArray(list)) for (const container of list) containers.push({ container: asMap(container), role, workload });
  }
  return workload;
}

/** `Deployment/shop-app container "app"`, for messages. */
export function describeContainer(ref: ContainerRef): string {
  const what = ref.role === 'init' ? 'init container' : ref.role === 'ephemeral' ? 'ephemeral container' : 'container';
  return `${ref.workload.manifest.kind}/${ref.workload.manifest.name} ${what} "${textOf(ref.container.name ?? '?')}"`;
}
