import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * `vibe review` must not load the synthesizer: no cdk8s, constructs or generated bindings, no MCP SDK, and no
 * zod unless a cluster config file needs validating. A preloaded script records Node's
 * `require.cache` when the process exits, so the test sees what the real command loaded.
 */

const dir = tempDir('vibe-loads-');
const PRELOAD = path.join(dir, 'record-modules.js');
fs.writeFileSync(PRELOAD, "process.on('exit', () => require('fs').writeFileSync(process.env.VIBE_MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n");

function modulesLoadedBy(args: readonly string[]): { status: number | null; stderr: string; modules: string[] } {
  const out = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(process.execPath, ['-r', PRELOAD, CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VIBE_MODULES_OUT: out } });
  return { status: result.status, stderr: result.stderr, modules: JSON.parse(fs.readFileSync(out, 'utf8')) as string[] };
}

const fromPackage = (modules: readonly string[], name: string) => modules.filter((m) => m.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`));
const fromLib = (modules: readonly string[], folder: string) => modules.filter((m) => m.startsWith(path.join(ROOT, 'lib', folder) + path.sep) || m === path.join(ROOT, 'lib', `${folder}.js`));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('what vibe review loads', () => {
  const golden = path.join(ROOT, 'test', 'golden', 'inventory-checker');

  it('reviews a folder without cdk8s, constructs, the generated bindings or zod', () => {
    const { status, stderr, modules } = modulesLoadedBy(['review', golden]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    // The review itself ran: its checks are in the cache.
    expect(fromLib(modules, 'review').length).toBeGreaterThan(10);
    expect(fromPackage(modules, 'cdk8s')).toEqual([]);
    expect(fromPackage(modules, 'cdk8s-plus-28')).toEqual([]);
    expect(fromPackage(modules, 'constructs')).toEqual([]);
    expect(fromPackage(modules, 'zod')).toEqual([]);
    expect(fromLib(modules, 'constructs')).toEqual([]);
    expect(fromLib(modules, path.join('imports', 'k8s'))).toEqual([]);
    // The MCP server and its SDK belong to `vibe mcp` alone.
    expect(fromPackage(modules, path.join('@modelcontextprotocol', 'sdk'))).toEqual([]);
    expect(fromLib(modules, 'mcp')).toEqual([]);
  });

  it('loads zod, and still no cdk8s, when a cluster config file must be validated', () => {
    const config = path.join(dir, 'cluster.yaml');
    fs.writeFileSync(config, 'prefix: platform\n');
    const { status, modules } = modulesLoadedBy(['review', golden, '--cluster-config', config]);
    expect(status).toBe(0);
    expect(fromPackage(modules, 'zod').length).toBeGreaterThan(0);
    expect(fromPackage(modules, 'cdk8s')).toEqual([]);
    expect(fromLib(modules, 'constructs')).toEqual([]);
  });
});
