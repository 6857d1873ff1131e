import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './cli';

/**
 * vibe-env as a library user gets it: `npm pack` of this repository (lib/ is compiled before the
 * tests run) installed into a fresh project with npm. Installs prefer npm's cache; the oldest
 * supported peers are in it because this repository installs them under npm aliases
 * (cdk8s-oldest, constructs-oldest).
 */
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...env } });
}

function ok(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** `npm pack` of the repository into `folder`; the tarball's path. */
export function packVibeEnv(folder: string): string {
  const packed = ok(run(NPM, ['pack', '--json', '--pack-destination', folder], ROOT), 'npm pack');
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  return path.join(folder, filename);
}

/** A fresh npm project in `dir` with `packages` installed (tarball paths or name@range). */
export function npmProject(dir: string, packages: readonly string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }, null, 2)}\n`);
  ok(run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], dir), `npm install ${packages.join(' ')}`);
  return dir;
}

/** Runs a command in a project; the result, never thrown. */
export function inProject(dir: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return run(command, args, dir, env);
}

/** The installed version of a package, as the project resolves it from its own folder. */
export function installedVersion(dir: string, name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every copy of `name` in the project's tree (a nested second copy breaks Chart types). */
export function copiesOf(dir: string, name: string): string[] {
  const parseable = run(NPM, ['ls', name, '--all', '--parseable'], dir).stdout;
  return parseable.split('\n').filter((line) => line.endsWith(`${path.sep}node_modules${path.sep}${name}`));
}

/** The oldest version of a peer this repository tests (the npm alias `<name>-oldest`). */
export function oldestPeer(name: 'cdk8s' | 'constructs'): string {
  return installedVersion(ROOT, `${name}-oldest`);
}

/** The range of a peer in package.json. */
export function peerRange(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  return pkg.peerDependencies[name];
}
