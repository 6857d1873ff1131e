import { discoverClusterConfig } from '../inputs/cluster-config-discovery';
import { printable } from '../io/printable';
import { loadManifests } from '../manifests/load-manifests';
import { skippedFilesNote, type SkippedFile } from '../manifests/non-manifest-files';
import { toJson } from '../network/flows-json';
import { toMermaid } from '../network/mermaid';
import { setGraph } from '../network/set-graph';

export interface GraphCommandOptions {
  readonly format: 'mermaid' | 'json';
  readonly clusterConfig?: string;
  /** Read files that symlinks lead to outside the folders given. */
  readonly followSymlinks?: boolean;
}

/**
 * `vibe graph <paths...>`: every allowed flow between the set's workloads, the cluster's
 * actors (ingress controller, observability, another namespace, the internet) and the
 * destinations pods usually need (DNS, OTEL). Notes about policies go to stderr.
 */
export function runGraph(paths: readonly string[], options: GraphCommandOptions): void {
  // The settings vibe review would use: --cluster-config, ./vibe.yaml's cluster:, .vibe/cluster.yaml, the defaults.
  const cluster = discoverClusterConfig(options.clusterConfig).config;
  const skipped: SkippedFile[] = [];
  const { model, flows, endpoints } = setGraph(loadManifests(paths, { skipped, followSymlinks: options.followSymlinks }), cluster);
  const note = skippedFilesNote(skipped);
  if (note) process.stderr.write(`${printable(note)}\n`);
  for (const problem of model.problems) process.stderr.write(`note: ${printable(problem.message)}\n`);
  process.stdout.write(options.format === 'json' ? toJson(flows, { endpoints }) : toMermaid(flows, { endpoints }));
}
