import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KIT_CACHE } from './kit-run';

/**
 * Finds the exact interpreter a runtime row names (Node 20 or 22, Python 3.11 or 3.12), so each
 * row's kit runs on its own version and a row whose version is absent is reported skipped, never
 * run on a neighbour. Each answer is the binary's path, or why there is none.
 */
export type Found = { readonly path: string; readonly version: string } | { readonly missing: string };

function versionOf(binary: string, args: readonly string[]): string | undefined {
  const probe = spawnSync(binary, args, { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** `pythonX.Y` with venv and ensurepip: on PATH, in pyenv's versions, or Debian's. */
export function findPython(version: '3.11' | '3.12'): Found {
  const pyenv = process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv');
  const pyenvVersions = fs.existsSync(path.join(pyenv, 'versions')) ? fs.readdirSync(path.join(pyenv, 'versions')).filter((v) => v.startsWith(`${version}.`)).sort().reverse() : [];
  const candidates = [
    `python${version}`,
    ...pyenvVersions.map((v) => path.join(pyenv, 'versions', v, 'bin', `python${version}`)),
    `/usr/bin/python${version}`,
    `/usr/local/bin/python${version}`,
  ];
  for (const candidate of candidates) {
    const found = versionOf(candidate, ['-c', 'import venv, ensurepip, sys; print("%d.%d.%d" % sys.version_info[:3])']);
    if (found?.startsWith(`${version}.`)) return { path: candidate, version: found };
  }
  return { missing: `no Python ${version} with venv and ensurepip here (tried ${candidates.join(', ')}); pip cannot fetch an interpreter` };
}

/**
 * Node `major`: the machine's own when it is that version, else the npm package `node@major`
 * (the Node binary, served by the npm registry) installed once under the kit caches.
 */
export function findNode(major: 20 | 22): Found {
  const own = versionOf('node', ['--version']);
  if (own?.startsWith(`v${major}.`)) return { path: 'node', version: own };
  const prefix = path.join(KIT_CACHE, `node${major}`);
  const cached = path.join(prefix, 'node_modules', '.bin', 'node');
  if (!fs.existsSync(cached)) {
    fs.mkdirSync(prefix, { recursive: true });
    const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--cache', path.join(KIT_CACHE, 'npm'), `node@${major}`], { encoding: 'utf8', timeout: 300_000 });
    if (install.status !== 0) return { missing: `Node ${major} is not here (node is ${own ?? 'absent'}) and npm install node@${major} failed: ${`${install.stderr}`.trim().split('\n').slice(-3).join(' ')}` };
  }
  const version = versionOf(cached, ['--version']);
  return version?.startsWith(`v${major}.`) ? { path: cached, version } : { missing: `${cached} is not Node ${major} (${version ?? 'does not run'})` };
}
