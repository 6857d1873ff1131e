import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestObject } from './manifest-object';
import { parseManifests } from './parse-manifests';
import { VibeInputError } from '../contract/errors';

/** Far above any real manifest set; a bigger file is a wrong path or an attack, not a config. */
export const MAX_MANIFEST_FILE_BYTES = 16 * 1024 * 1024;

/** The name used in messages for manifests read from standard input. */
export const STDIN_NAME = '<stdin>';

// eslint-disable-next-line no-bitwise -- open(2) flags are a bit set.
const READ_WITHOUT_BLOCKING = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

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
      appendAll(objects, parseManifests(decode(readFile(file, maxBytes), file, maxBytes), file));
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

function readFile(file: string, maxBytes: number): Buffer {
  // One open and one fstat per file: statting by path first costs a second system call per file.
  // Non-blocking, so a named pipe is refused by the fstat below instead of waiting for a writer.
  let fd: number;
  try {
    fd = fs.openSync(file, READ_WITHOUT_BLOCKING);
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw VibeInputError.single(file, 'is not a regular file. Pass manifest files or folders.');
    if (stat.size > maxBytes) throw tooBig(file, stat.size, maxBytes);
    return fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    throw unreadable(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

function decode(input: string | Buffer, file: string, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw tooBig(file, size, maxBytes);
  if (typeof input === 'string') return input;
  if (input.includes(0)) throw VibeInputError.single(file, 'is a binary file (it contains NUL bytes), not YAML or JSON. Pass the manifest files only.');
  return input.toString('utf8');
}

function tooBig(file: string, size: number, maxBytes: number): VibeInputError {
  const mib = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  return VibeInputError.single(file, `is ${mib(size)}; a manifest file may be at most ${mib(maxBytes)}. Check the path points at manifests.`);
}

function unreadable(file: string, error: unknown): VibeInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
  return VibeInputError.single(file, `${reason}. Pass existing manifest files or folders, e.g. k8s/`);
}
