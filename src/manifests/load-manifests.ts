import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestObject } from './manifest-object';
import { isHelmChartFolder, nonManifestByContent, nonManifestByName, type SkippedFile } from './non-manifest-files';
import { parseManifests } from './parse-manifests';
import { decode, MAX_MANIFEST_FILE_BYTES, readManifestFile, unreadable } from './read-manifest-file';
import { VibeInputError } from '../contract/errors';

/** The name used in messages for manifests read from standard input. */
export const STDIN_NAME = '<stdin>';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface LoadManifestsOptions {
  /** Reads standard input for the path `-`. @default - fd 0 */
  readonly stdin?: () => string | Buffer;
  /** @default MAX_MANIFEST_FILE_BYTES */
  readonly maxFileBytes?: number;
  /** Receives the files of folders that are clearly not manifests (cdk8s.yaml, package.json …), skipped. @default - such files are skipped without a list */
  readonly skipped?: SkippedFile[];
}

/**
 * Reads every Kubernetes object from files, folders (recursively: `*.yaml`, `*.yml`, `*.json`
 * in name order, skipping dot-folders and `node_modules`) and `-` for standard input. A file
 * named twice is read once. Throws `VibeInputError` for anything unreadable or not manifests.
 */
export function loadManifests(paths: readonly string[], options: LoadManifestsOptions = {}): ManifestObject[] {
  if (paths.length === 0) throw VibeInputError.single('paths', 'no manifest files given. Example: vibe graph k8s/');
  const maxBytes = options.maxFileBytes ?? MAX_MANIFEST_FILE_BYTES;
  const objects: ManifestObject[] = [];
  const seen = new Set<string>();
  const skipped = options.skipped ?? [];
  for (const given of paths) {
    if (given === '-') {
      const input = (options.stdin ?? (() => fs.readFileSync(0)))();
      appendAll(objects, parseManifests(decode(input, STDIN_NAME, maxBytes), STDIN_NAME));
      continue;
    }
    const { files, walked } = manifestFiles(given, skipped);
    for (const file of files) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      appendAll(objects, walked ? readFoundFile(file, maxBytes, skipped) : readManifestFile(file, maxBytes));
    }
  }
  if (objects.length === 0) {
    const verb = paths.length === 1 ? 'holds' : 'hold';
    const names = paths.map((given) => (given === '-' ? STDIN_NAME : given)).join(' ');
    const why = skipped.length > 0 ? `only files that are not manifests (${skipped.map((s) => s.file).join(', ')})` : 'no Kubernetes objects (every document is empty)';
    throw VibeInputError.single(names, `${verb} ${why}. Pass the folder or files of your manifests, e.g. k8s/`);
  }
  return objects;
}

/** `push(...items)` overflows the stack for very large files; a loop does not. */
function appendAll(target: ManifestObject[], items: readonly ManifestObject[]): void {
  for (const item of items) target.push(item);
}

/** A file found in a folder: its objects, or none when it is clearly not a manifest (then listed). */
function readFoundFile(file: string, maxBytes: number, skipped: SkippedFile[]): ManifestObject[] {
  try {
    return readManifestFile(file, maxBytes);
  } catch (error) {
    const what = error instanceof VibeInputError ? nonManifestByContent(file, maxBytes) : undefined;
    if (what === undefined) throw error;
    skipped.push({ file, what });
    return [];
  }
}

/** The files a path stands for: itself, or the manifest files below a folder in name order. */
function manifestFiles(given: string, skipped: SkippedFile[]): { files: string[]; walked: boolean } {
  const stat = statOrExplain(given);
  if (!stat.isDirectory()) return { files: [given], walked: false };
  const files: string[] = [];
  const before = skipped.length;
  walk(given, files, new Set(), skipped);
  if (files.length === 0 && skipped.length > before) return { files, walked: true };
  if (files.length === 0) throw VibeInputError.single(given, 'is a folder with no .yaml, .yml or .json files (dot-folders and node_modules are skipped). Pass the folder that holds the manifests, e.g. k8s/');
  return { files, walked: true };
}

function walk(dir: string, files: string[], visited: Set<string>, skipped: SkippedFile[]): void {
  // A symlink loop would otherwise recurse forever.
  let entries: fs.Dirent[];
  try {
    const real = fs.realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
  } catch (error) {
    throw unreadable(dir, error);
  }
  if (isHelmChartFolder(entries.map((entry) => entry.name))) {
    skipped.push({ file: dir, what: 'Helm chart source (review `helm template` output)' });
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    // The directory entry tells the type; only symlinks (and exotic file systems) need a stat.
    const known = entry.isDirectory() || entry.isFile();
    const stat = known ? entry : statOrExplain(full);
    if (stat.isDirectory()) walk(full, files, visited, skipped);
    else if (stat.isFile() && MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase())) addFound(full, files, skipped);
  }
}

/** A manifest file found in a folder, or a file whose name says it is none (then listed). */
function addFound(file: string, files: string[], skipped: SkippedFile[]): void {
  const what = nonManifestByName(file);
  if (what === undefined) files.push(file);
  else skipped.push({ file, what });
}

/** Locale-independent, so the order is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statOrExplain(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}


export { MAX_MANIFEST_FILE_BYTES };
