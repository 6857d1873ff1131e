import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VibeInputError } from '../contract/errors';

/** Where the vibe-env that runs `vibe init` lives: lib/init → the package root. */
export const OWN_ROOT = path.resolve(__dirname, '..', '..');

/** The folder a new repository keeps its copy of vibe-env in when vibe-env is not on a registry. */
export const VENDOR_DIR = 'vendor';

/** How a new repository depends on vibe-env. */
export interface VibeEnvSource {
  /** The package.json devDependency spec: `^0.1.0`, or `file:vendor/vibe-env-0.1.0.tgz`. */
  readonly spec: string;
  /** The tarball to write into the repository (path inside it, bytes), when vendored. */
  readonly vendored?: { readonly path: string; readonly bytes: Buffer };
}

/**
 * The running vibe-env's own install record: installed packages have an entry in npm's hidden
 * lock file (`node_modules/.package-lock.json`, also written for `npx` runs) whose `resolved` is
 * where npm got it from. Returns it, or undefined for a git clone or a copy npm did not install.
 */
function installedFrom(root: string, version: string): string | undefined {
  for (let dir = path.dirname(root); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') continue;
    const lockFile = path.join(dir, '.package-lock.json');
    if (!fs.existsSync(lockFile)) continue;
    try {
      const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
      const key = path.relative(path.dirname(dir), root).split(path.sep).join('/');
      const entry = lock?.packages?.[key];
      if (entry?.version === version && typeof entry.resolved === 'string') return entry.resolved;
    } catch {
      // An unreadable lock file says nothing about where vibe-env came from.
    }
  }
  return undefined;
}

/** True when this vibe-env was installed from a package registry (so `^version` installs it again). */
export function isFromRegistry(root: string, version: string): boolean {
  return /^https?:\/\//.test(installedFrom(root, version) ?? '');
}

/**
 * What a new repository depends on: `^<version>` when this vibe-env came from a registry, else
 * (a clone, a tarball, a vendored copy) a tarball of itself packed with `npm pack` into
 * vendor/, so `npm install` in the new repository never asks a registry for vibe-env. Packs
 * into a temporary folder: nothing is written into the repository here.
 */
export function vibeEnvSource(version: string, root = OWN_ROOT): VibeEnvSource {
  if (isFromRegistry(root, version)) return { spec: `^${version}` };
  const bytes = packSelf(root);
  const file = `${VENDOR_DIR}/vibe-env-${version}.tgz`;
  return { spec: `file:${file}`, vendored: { path: file, bytes } };
}

/** `npm pack` of the package at `root` (its `files`: the compiled library and CLI), as bytes. */
function packSelf(root: string): Buffer {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-env-pack-'));
  try {
    // Without the caller's npm_* variables: `npx vibe init` or an npm script must not turn this
    // into a dry run or another package's pack.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: root, env, encoding: 'utf8', shell: process.platform === 'win32' });
    const packed = pack.status === 0 ? (JSON.parse(pack.stdout) as { filename: string }[])[0] : undefined;
    if (!packed) {
      const why = pack.error ? pack.error.message : (pack.stderr ?? '').trim().split('\n').slice(-1)[0];
      throw VibeInputError.single(
        'vibe-env',
        `this vibe-env is not from a package registry, so vibe init packs it into ${VENDOR_DIR}/ for the new repository, and npm pack failed (${why}). ` +
          'Give the dependency yourself. Example: --vibe-env-spec file:../vibe-env-0.1.0.tgz',
      );
    }
    return fs.readFileSync(path.join(out, packed.filename));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
