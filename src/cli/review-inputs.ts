import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../contract/errors';
import { discoverClusterConfig, type ClusterConfigSource } from '../inputs/cluster-config-discovery';
import { readBoundedFile } from '../io/bounded-read';
import { printable } from '../io/printable';
import { loadManifests } from '../manifests/load-manifests';
import { skippedFilesNote, type SkippedFile } from '../manifests/non-manifest-files';
import type { DockerfileInput, LogLine, MetricsSample, ReviewInputs } from '../review/context';
import { readSealingKeyFile, sealingKeyModulusBytes } from '../seal/certificate';

export interface ReviewFlags {
  readonly dockerfile?: readonly string[];
  readonly src?: string;
  readonly logs?: string;
  readonly metricsUrl?: string;
  readonly cert?: string;
  readonly clusterConfig?: string;
  readonly appName?: string;
  /** Read files that symlinks lead to outside the folders given. */
  readonly followSymlinks?: boolean;
  /** The repository path of the manifests read from stdin (`-`), for reports and SARIF. */
  readonly stdinName?: string;
  /** Only the findings: no notes on stderr. */
  readonly quiet?: boolean;
}

/** A log sample or metrics body larger than this is cut: the checks need recent lines, not all. */
const MAX_SAMPLE_BYTES = 8 * 1024 * 1024;

/** Where the review's cluster settings came from, for its report. */
export interface ClusterSourced {
  readonly clusterSource: ClusterConfigSource;
}

/** Everything `vibe review` reads, from its arguments. Each input problem is a one-line error. */
export async function reviewInputsFromFlags(paths: readonly string[], flags: ReviewFlags): Promise<ReviewInputs & ClusterSourced> {
  if (paths.includes('-') && flags.logs === '-') {
    throw VibeInputError.single('--logs', 'cannot read stdin: the manifests already come from stdin (-). Give the log sample as a file.');
  }
  const stdin = once(() => fs.readFileSync(0));
  const skipped: SkippedFile[] = [];
  if (flags.stdinName !== undefined && !paths.includes('-')) {
    throw VibeInputError.single('--stdin-name', 'names the manifests read from stdin; add - to the paths. Example: cdk8s synth --stdout | vibe review - --stdin-name k8s/app.yaml');
  }
  const manifests = loadManifests(paths, { stdin, skipped, followSymlinks: flags.followSymlinks, ...(flags.stdinName ? { stdinName: flags.stdinName } : {}) });
  // One line on stderr, so JSON and SARIF on stdout stay clean.
  const note = skippedFilesNote(skipped);
  if (note && !flags.quiet) process.stderr.write(`${printable(note)}\n`);
  const cluster = discoverClusterConfig(flags.clusterConfig);
  return {
    manifests,
    cluster: cluster.config,
    clusterSource: cluster.source,
    dockerfiles: dockerfiles(paths, flags.dockerfile),
    ...(flags.src ? { sourceDir: directory(flags.src, '--src') } : {}),
    ...(flags.logs ? { logs: logLines(flags.logs, stdin) } : {}),
    ...(flags.metricsUrl ? { metrics: [await metricsSample(flags.metricsUrl)] } : {}),
    ...(flags.cert ? { sealingKeyBytes: sealingKeyModulusBytes(readSealingKeyFile(flags.cert, { field: '--cert' })) } : {}),
    ...(flags.appName ? { appName: flags.appName } : {}),
  };
}

/**
 * The inputs of a live review (`--live`) that do not come from the cluster: cluster settings,
 * the controller certificate, the Dockerfiles and source tree given.
 */
export function reviewInputsBesideLive(flags: ReviewFlags): Omit<ReviewInputs, 'manifests'> & ClusterSourced {
  const cluster = discoverClusterConfig(flags.clusterConfig);
  return {
    cluster: cluster.config,
    clusterSource: cluster.source,
    dockerfiles: dockerfiles([], flags.dockerfile),
    ...(flags.src ? { sourceDir: directory(flags.src, '--src') } : {}),
    ...(flags.cert ? { sealingKeyBytes: sealingKeyModulusBytes(readSealingKeyFile(flags.cert, { field: '--cert' })) } : {}),
    ...(flags.appName ? { appName: flags.appName } : {}),
  };
}

/**
 * The Dockerfiles to check: the ones given, else those of the project the manifests belong to
 * (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile` in the folder above `k8s/`, or beside the files).
 */
function dockerfiles(paths: readonly string[], given: readonly string[] | undefined): DockerfileInput[] {
  return dockerfileInputs(given?.length ? given : dockerfilesBeside(paths));
}

/** Dockerfiles read (bounded, text only) for the review. */
export function dockerfileInputs(files: readonly string[], field = '--dockerfile'): DockerfileInput[] {
  return files.map((file) => ({ file, text: readText(file, field) }));
}

/** The Dockerfiles of the project the manifests belong to (see `dockerfiles`), by path. */
export function dockerfilesBeside(paths: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const p of paths) {
    if (p === '-' || !fs.existsSync(p)) continue;
    const folder = fs.statSync(p).isDirectory() ? path.resolve(p) : path.dirname(path.resolve(p));
    folders.add(folder);
    folders.add(path.dirname(folder));
  }
  const found: string[] = [];
  for (const folder of [...folders].sort()) {
    for (const name of fs.readdirSync(folder).sort()) {
      if (!/^Dockerfile(\..+)?$|\.Dockerfile$/.test(name)) continue;
      const file = path.join(folder, name);
      if (fs.statSync(file).isFile()) found.push(path.relative(process.cwd(), file) || file);
    }
  }
  return found;
}

function logLines(source: string, stdin: () => Buffer): LogLine[] {
  const text = source === '-' ? decode(stdin(), 'stdin') : readText(source, '--logs');
  const name = source === '-' ? '<stdin>' : source;
  return text
    .slice(0, MAX_SAMPLE_BYTES)
    .split('\n')
    .map((line, index) => ({ source: name, line: index + 1, text: line.replace(/\r$/, '') }))
    .filter((l) => l.text.trim() !== '');
}

/** A metrics URL is fetched (10 s timeout); anything else is a file holding a /metrics body. */
async function metricsSample(source: string): Promise<MetricsSample> {
  if (!/^https?:\/\//.test(source)) return { source, status: 200, contentType: 'text/plain; version=0.0.4', body: readText(source, '--metrics-url') };
  try {
    // 10 s for the whole answer, body included; at most 5 redirects; only the first
    // MAX_SAMPLE_BYTES of the body are read (an endless or huge body is cut, not buffered).
    const response = await fetchFollowing(source, AbortSignal.timeout(10_000));
    const body = await bodyPrefix(response, MAX_SAMPLE_BYTES);
    return { source, status: response.status, contentType: response.headers.get('content-type') ?? undefined, body };
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'did not answer within 10 s' : `could not be fetched (${(error as Error).message})`;
    throw VibeInputError.single('--metrics-url', `${source} ${reason}. Example: --metrics-url http://localhost:8081/metrics`);
  }
}

const MAX_REDIRECTS = 5;

async function fetchFollowing(url: string, signal: AbortSignal): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || !location) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Error('a redirect to something other than http(s)');
    current = next.href;
  }
}

/** The first `maxBytes` of a body as text; the rest is never read. */
async function bodyPrefix(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function directory(dir: string, flag: string): string {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw VibeInputError.single(flag, `"${dir}" is not a folder. Example: ${flag} src`);
  return dir;
}

function readText(file: string, flag: string): string {
  // Read only what is looked at (MAX_SAMPLE_BYTES); more is cut, as before, but never read.
  return decode(readBoundedPrefix(file, flag), file);
}

function readBoundedPrefix(file: string, flag: string): Buffer {
  try {
    return readBoundedFile(file, { field: flag, maxBytes: MAX_SAMPLE_BYTES, what: 'a text file', hint: `Example: ${flag} app.log` });
  } catch (error) {
    if (!(error instanceof VibeInputError) || !/is larger than/.test(error.message)) throw error;
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_SAMPLE_BYTES);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, MAX_SAMPLE_BYTES, 0));
    } finally {
      fs.closeSync(fd);
    }
  }
}

function decode(bytes: Buffer, name: string): string {
  if (bytes.subarray(0, MAX_SAMPLE_BYTES).includes(0)) throw VibeInputError.single(name, 'is a binary file, not text.');
  return bytes.subarray(0, MAX_SAMPLE_BYTES).toString('utf8');
}

function once<T>(read: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value as T;
  };
}
