import * as path from 'node:path';
import type { ManifestObject } from '../manifests/manifest-object';

/** The objects of one app of a reviewed set: those of its namespace (and its folder). */
export interface AppGroup {
  /** The app's namespace; undefined for a set that declares none (reviewed as one app). */
  readonly namespace?: string;
  readonly manifests: readonly ManifestObject[];
}

/**
 * Splits a reviewed set into apps, so a GitOps repository of many app folders has each app judged
 * in its own namespace. The apps are the set's Namespace objects. An object belongs to the app of
 * its metadata.namespace; one in no app's namespace (none set, or another such as argocd) to the
 * app whose Namespace lies in its folder or the nearest folder above; failing that, to a group of
 * its own namespace; an object without one, to the only app or to a group of its own.
 * A set without a Namespace object is one app, as is a set in which everything lands in one.
 */
export function groupByApp(manifests: readonly ManifestObject[]): AppGroup[] {
  const declared = new Set<string>();
  for (const manifest of manifests) if (manifest.kind === 'Namespace' && manifest.name) declared.add(manifest.name);
  if (declared.size === 0) return [{ manifests }];
  const folderApps = appsByFolder(manifests);
  const only = declared.size === 1 ? [...declared][0] : undefined;
  const groups = new Map<string, ManifestObject[]>();
  for (const manifest of manifests) {
    const key = appKeyOf(manifest, declared, folderApps) ?? manifest.namespace ?? only ?? '';
    const group = groups.get(key);
    if (group) group.push(manifest);
    else groups.set(key, [manifest]);
  }
  if (groups.size === 1) return [{ namespace: [...groups.keys()][0] || undefined, manifests }];
  return [...groups].map(([namespace, objects]) => ({ namespace: namespace || undefined, manifests: objects }));
}

function appKeyOf(manifest: ManifestObject, declared: ReadonlySet<string>, folderApps: ReadonlyMap<string, string | null>): string | undefined {
  if (manifest.kind === 'Namespace') return manifest.name || undefined;
  if (manifest.namespace !== undefined && declared.has(manifest.namespace)) return manifest.namespace;
  for (let dir = path.dirname(manifest.file); ; dir = path.dirname(dir)) {
    const app = folderApps.get(dir);
    // A folder that declares two apps names neither.
    if (app !== undefined) return app ?? undefined;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Folder → the app whose Namespace object is written there (null when two are). */
function appsByFolder(manifests: readonly ManifestObject[]): Map<string, string | null> {
  const folders = new Map<string, string | null>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'Namespace' || !manifest.name) continue;
    const dir = path.dirname(manifest.file);
    const known = folders.get(dir);
    folders.set(dir, known === undefined || known === manifest.name ? manifest.name : null);
  }
  return folders;
}
