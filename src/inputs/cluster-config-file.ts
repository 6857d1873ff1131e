import * as fs from 'node:fs';
import { clusterConfigSchema, CLUSTER_CONFIG_EXAMPLES, type ClusterConfig } from '../contract/cluster-config';
import { problemsFromZod, VibeInputError } from '../contract/errors';
import { LineCounter, parseDocument } from '../shared-yaml';

/** A cluster config is a few lines; anything bigger is a wrong path. */
const MAX_CLUSTER_CONFIG_BYTES = 1024 * 1024;

/** Reads the cluster settings: a `cluster:` block (vibe.yaml, Helm values) or the settings themselves. */
export function readClusterConfigFile(file: string): ClusterConfig {
  const text = readSmallText(file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw VibeInputError.single(`${file}:${pos.line}:${pos.col}`, `not valid YAML: ${error.message.split('\n')[0]}. Check the indentation and quotes on that line.`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    throw VibeInputError.single(file, `cannot be read as YAML: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw VibeInputError.single(file, 'must be a map of cluster settings. Example: prefix: platform');
  }
  const nested = 'cluster' in value;
  const block = nested ? (value as { cluster: unknown }).cluster ?? {} : value;
  const parsed = clusterConfigSchema.safeParse(block);
  if (parsed.success) return parsed.data;
  const problems = problemsFromZod(parsed.error, block, {
    pathPrefix: nested ? ['cluster'] : [],
    example: (path) => CLUSTER_CONFIG_EXAMPLES[path],
  }).map((problem) => {
    const node = document.getIn(problem.field.split('.'), true) as { range?: [number, number, number] } | undefined;
    return { ...problem, location: node?.range ? `${file}:${lineCounter.linePos(node.range[0]).line}` : file };
  });
  throw new VibeInputError(problems);
}

function readSmallText(file: string): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw VibeInputError.single(file, 'is not a file; pass the YAML file with the cluster settings. Example: --cluster-config cluster.yaml');
    if (stat.size > MAX_CLUSTER_CONFIG_BYTES) throw VibeInputError.single(file, `is ${stat.size} bytes; a cluster config is at most 1 MiB.`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`;
    throw VibeInputError.single(file, `${reason}. Example: --cluster-config cluster.yaml`);
  }
  if (bytes.includes(0)) throw VibeInputError.single(file, 'is a binary file, not YAML.');
  return bytes.toString('utf8');
}
