import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestObject } from './manifest-object';
import { isHelmChartFolder, nonManifestByContent, nonManifestByName, type SkippedFile } from './non-manifest-files';
import { parseManifests } from './parse-manifests';
import { decode, MAX_MANIFEST_FILE_BYTES, readManifestFile, unreadable } from './read-manifest-file';
import { VibeInputError } from '../contract/errors';
import { realPathOrUndefined } from '../io/real-path';

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
  /**
   * Reads files that symlinks lead to outside the folder given (or, for a path given itself,
   * outside the working directory). Off by default: a link committed in a pull request must
   * not bring a token file from elsewhere on the machine into the review and its CI log.
   * @default false
   */
  readonly followSymlinks?: boolean;
  /** The path the manifests on standard input stand for, in findings and reports. @default STDIN_NAME */
  readonly stdinName?: string;
}

/** The note for a link that leads out of the folder, and the sentence that refuses one given directly. */
const OUT_OF_TREE = 'a symlink to a file outside the folder, not read (pass --follow-symlinks to read it)';

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
      const name = options.stdinName ?? STDIN_NAME;
      appendAll(objects, parseManifests(decode(input, name, maxBytes), name));
      continue;
    }
    if (!options.followSymlinks) refuseLinkOut(given);
    const { files, walked } = manifestFiles(given, skipped, options.followSymlinks ?? false);
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
    const why = skipped.length > 0 ? `only files that are not manifests (${skipped.map((s) => `${s.file}: ${s.what}`).join(', ')})` : 'no Kubernetes objects (every document is empty)';
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
function manifestFiles(given: string, skipped: SkippedFile[], followSymlinks: boolean): { files: string[]; walked: boolean } {
  const stat = statOrExplain(given);
  if (!stat.isDirectory()) return { files: [given], walked: false };
  const files: string[] = [];
  const before = skipped.length;
  const root = followSymlinks ? undefined : realPath(given);
  walk(given, files, new Set(), skipped, root);
  if (files.length === 0 && skipped.length > before) return { files, walked: true };
  if (files.length === 0) throw VibeInputError.single(given, 'is a folder with no .yaml, .yml or .json files (dot-folders and node_modules are skipped). Pass the folder that holds the manifests, e.g. k8s/');
  return { files, walked: true };
}

/** `root`: the real path links must stay inside; undefined when links are followed anywhere. */
function walk(dir: string, files: string[], visited: Set<string>, skipped: SkippedFile[], root: string | undefined): void {
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
    if (entry.isSymbolicLink()) {
      // A dangling link is refused below (stat), as a missing file given directly is.
      const target = realPathOrUndefined(full);
      if (target !== undefined && root !== undefined && !isInside(target, root)) {
        skipped.push({ file: full, what: OUT_OF_TREE });
        continue;
      }
    }
    const stat = known ? entry : statOrExplain(full);
    if (stat.isDirectory()) walk(full, files, visited, skipped, root);
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

/** A path given on the command line that reaches, through a symlink, outside the working directory. */
function refuseLinkOut(given: string): void {
  const resolved = path.resolve(given);
  const real = realPathOrUndefined(given);
  // Only the last part of the path counts: /tmp being a link to /private/tmp is nobody's trick.
  if (real === undefined || real === path.join(realPath(path.dirname(resolved)), path.basename(resolved))) return;
  const cwd = realPath(process.cwd());
  if (isInside(real, cwd)) return;
  throw VibeInputError.single(given, 'is a symlink to a file outside the working directory, not read. Pass the file itself, or --follow-symlinks to read where the link leads.');
}


function realPath(file: string): string {
  return realPathOrUndefined(file) ?? path.resolve(file);
}

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function statOrExplain(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}


export { MAX_MANIFEST_FILE_BYTES };
