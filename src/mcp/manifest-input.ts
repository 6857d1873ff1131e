import { z } from 'zod';
import type { Root } from './root';
import type { ClusterConfig } from '../contract/cluster-config';
import { defaultClusterConfig } from '../contract/cluster-defaults';
import { VibeInputError } from '../contract/errors';
import { readClusterConfigFile } from '../inputs/cluster-config-file';
import { loadManifests } from '../manifests/load-manifests';
import type { ManifestObject } from '../manifests/manifest-object';
import { parseManifests } from '../manifests/parse-manifests';
import { MAX_MANIFEST_FILE_BYTES } from '../manifests/read-manifest-file';

/** The name findings and messages give manifests passed inline. */
export const INLINE_NAME = '<inline>';

/** The arguments of a tool that reads a manifest set: files and folders under the root, or inline YAML. */
export const manifestInputShape = {
  paths: z.array(z.string()).max(100).optional().describe('Manifest files or folders (yaml, yml, json; folders recursively), relative to the root.'),
  yaml: z.string().max(MAX_MANIFEST_FILE_BYTES).optional().describe('Manifests written inline: one or more YAML documents separated by ---.'),
  clusterConfig: z.string().optional().describe('A cluster settings file under the root (registry, mirror, host pattern); default: the platform defaults.'),
};

export interface ManifestInput {
  readonly paths?: readonly string[];
  readonly yaml?: string;
  readonly clusterConfig?: string;
}

export interface ReadManifests {
  readonly manifests: ManifestObject[];
  readonly cluster: ClusterConfig;
  /** The paths given, relative to the root. */
  readonly paths: readonly string[];
}

/** Reads the manifests and cluster settings the arguments name, every path confined to the root. */
export function readManifestInput(args: ManifestInput, root: Root): ReadManifests {
  if (!args.paths?.length && args.yaml === undefined) {
    throw VibeInputError.single('paths', 'name manifest files or folders (paths), or pass the manifests inline (yaml). Example: { "paths": ["k8s"] }');
  }
  const paths = readManifestPaths(args.paths ?? [], root);
  const manifests = paths.length ? loadManifests(paths) : [];
  if (args.yaml !== undefined) manifests.push(...parseManifests(args.yaml, INLINE_NAME));
  if (manifests.length === 0) throw VibeInputError.single('yaml', 'holds no Kubernetes objects. Example: apiVersion: v1\\nkind: Namespace\\nmetadata: { name: platform-vibe-shop }');
  return { manifests, cluster: readClusterSettings(args.clusterConfig, root), paths };
}

/**
 * Manifest files and folders confined to the root, relative to it. A folder is walked with its
 * symbolic links followed, so none of them may lead out either.
 */
export function readManifestPaths(given: readonly string[], root: Root): string[] {
  const paths = given.map((p) => root.resolve('paths', p, { mustExist: true }));
  for (const full of paths) root.checkTree('paths', full);
  return paths.map((full) => root.relative(full));
}

/** The cluster settings file under the root, else the platform defaults. */
export function readClusterSettings(file: string | undefined, root: Root): ClusterConfig {
  return file ? readClusterConfigFile(root.relative(root.resolve('clusterConfig', file, { mustExist: true }))) : defaultClusterConfig();
}
