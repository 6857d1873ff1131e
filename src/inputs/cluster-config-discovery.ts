import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClusterConfig } from '../contract/cluster-config';
import { defaultClusterConfig } from '../contract/cluster-defaults';
import { findUp } from '../io/find-up';

/** The shared settings file of a platform's repository, found in the working folder or above it. */
export const SHARED_CLUSTER_CONFIG = path.join('.vibe', 'cluster.yaml');
/** The answers file whose `cluster:` section, when it has one, holds the settings. */
export const ANSWERS_FILE = 'vibe.yaml';

/** Where a command's cluster settings came from, in the order they are looked for. */
export type ClusterConfigOrigin = '--cluster-config' | 'vibe.yaml' | '.vibe/cluster.yaml' | 'defaults';

export interface ClusterConfigSource {
  readonly origin: ClusterConfigOrigin;
  /** The file read, relative to the working folder when below it. Absent for the defaults. */
  readonly file?: string;
}

export interface DiscoveredClusterConfig {
  readonly config: ClusterConfig;
  readonly source: ClusterConfigSource;
}

/**
 * The cluster settings of a command: the `--cluster-config` file when given; else the `cluster:`
 * section of `./vibe.yaml`; else `.vibe/cluster.yaml` in the working folder or the nearest folder
 * above that has one; else the platform defaults. A repository sets them once instead of passing
 * the flag on every call. The schema and its validation library load only when a file is read.
 */
export function discoverClusterConfig(flag: string | undefined, cwd: string = process.cwd()): DiscoveredClusterConfig {
  if (flag !== undefined) return { config: read(flag), source: { origin: '--cluster-config', file: flag } };
  const answers = path.join(cwd, ANSWERS_FILE);
  if (hasClusterSection(answers)) return { config: read(answers), source: { origin: 'vibe.yaml', file: shown(answers, cwd) } };
  const folder = findUp(SHARED_CLUSTER_CONFIG, cwd);
  if (folder !== undefined) {
    const file = path.join(folder, SHARED_CLUSTER_CONFIG);
    return { config: read(file), source: { origin: '.vibe/cluster.yaml', file: shown(file, cwd) } };
  }
  return { config: defaultClusterConfig(), source: { origin: 'defaults' } };
}

/** The report's line about it: `Cluster settings: .vibe/cluster.yaml (../.vibe/cluster.yaml).` */
export function clusterConfigLine(source: ClusterConfigSource): string {
  switch (source.origin) {
    case 'defaults':
      return 'Cluster settings: the platform defaults (no --cluster-config, no cluster: section in ./vibe.yaml, no .vibe/cluster.yaml found).';
    case 'vibe.yaml':
      return `Cluster settings: the cluster: section of ${source.file}.`;
    default:
      return `Cluster settings: ${source.file} (${source.origin}).`;
  }
}

/** The source as the JSON report gives it: `{ "origin": …, "file": … | null }`. */
export function clusterConfigJson(source: ClusterConfigSource): { origin: ClusterConfigOrigin; file: string | null } {
  return { origin: source.origin, file: source.file ?? null };
}

function read(file: string): ClusterConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readClusterConfigFile } = require('./cluster-config-file') as typeof import('./cluster-config-file');
  return readClusterConfigFile(file);
}

/**
 * Whether vibe.yaml has a top-level `cluster:` key. A file that is not YAML is read anyway, so
 * its problem is reported (with its line) instead of the settings being skipped in silence.
 */
function hasClusterSection(file: string): boolean {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return false;
  // Too big for a settings file: the reader says so.
  if (fs.statSync(file).size > 1024 * 1024) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const document = parseDocument(fs.readFileSync(file, 'utf8'));
  if (document.errors.length > 0) return true;
  const value: unknown = document.toJS({ maxAliasCount: 50 });
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'cluster' in value;
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || path.isAbsolute(relative) ? file : relative;
}
