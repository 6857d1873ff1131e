import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestObject } from './manifest-object';
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
  for (const given of paths) {
    if (given === '-') {
      const input = (options.stdin ?? (() => fs.readFileSync(0)))();
      appendAll(objects, parseManifests(decode(input, STDIN_NAME, maxBytes), STDIN_NAME));
      continue;
    }
    for (const file of manifestFiles(given)) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      appendAll(objects, readManifestFile(file, maxBytes));
    }
  }
  if (objects.length === 0) {
    const verb = paths.length === 1 ? 'holds' : 'hold';
    const names = paths.map((given) => (given === '-' ? STDIN_NAME : given)).join(' ');
    throw VibeInputError.single(names, `${verb} no Kubernetes objects (every document is empty). Pass the folder or files of your manifests, e.g. k8s/`);
  }
  return objects;
}

/** `push(...items)` overflows the stack for very large files; a loop does not. */
function appendAll(target: ManifestObject[], items: readonly ManifestObject[]): void {
  for (const item of items) target.push(item);
}

/** The files a path stands for: itself, or the manifest files below a folder in name order. */
function manifestFiles(given: string): string[] {
  const stat = statOrExplain(given);
  if (!stat.isDirectory()) return [given];
  const files: string[] = [];
  walk(given, files, new Set());
  if (files.length === 0) throw VibeInputError.single(given, 'is a folder with no .yaml, .yml or .json files (dot-folders and node_modules are skipped). Pass the folder that holds the manifests, e.g. k8s/');
  return files;
}

function walk(dir: string, files: string[], visited: Set<string>): void {
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
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    // The directory entry tells the type; only symlinks (and exotic file systems) need a stat.
    const known = entry.isDirectory() || entry.isFile();
    const stat = known ? entry : statOrExplain(full);
    if (stat.isDirectory()) walk(full, files, visited);
    else if (stat.isFile() && MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase())) files.push(full);
  }
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
