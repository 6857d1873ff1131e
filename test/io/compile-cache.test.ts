/* eslint-disable no-bitwise -- file permission bits, and flipping bytes of a file on purpose */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * The compile cache of the `vibe` executables (src/io/compile-cache.ts), driven through real
 * processes: what a second run takes from the cache, and that a changed, damaged or foreign cache
 * never runs stale code or fails a command.
 */

const BIN = path.join(ROOT, 'lib', 'cli', 'bin.js');
const CACHE_MODULE = path.join(ROOT, 'lib', 'io', 'compile-cache.js');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'inventory-checker');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the cache said it did: modules taken from it, modules compiled. */
  readonly cache?: { readonly used: number; readonly compiled: number };
}

function run(args: readonly string[], cacheDir: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, VIBE_CACHE_DIR: cacheDir, VIBE_DEBUG_COMPILE_CACHE: '1', VIBE_COMPILE_CACHE: '', ...env },
  });
  // The main thread's line (the secret scanner's worker has a line of its own).
  const line = /compile cache: (\d+) from the cache, (\d+) compiled \([^)]*main-node/.exec(result.stderr);
  const cache = line ? { used: Number(line[1]), compiled: Number(line[2]) } : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...(cache ? { cache } : {}) };
}

/** A script that installs the cache and prints what the module beside it exports (that module is the one the cache sees). */
function moduleFolder(): { dir: string; script: string; module: string } {
  const dir = tempDir('vibe-compile-cache-module-');
  const script = path.join(dir, 'main.js');
  fs.writeFileSync(script, `require(${JSON.stringify(CACHE_MODULE)}).installCompileCache();\nconsole.log(require('./value.js'));\n`);
  return { dir, script, module: path.join(dir, 'value.js') };
}

function cacheFiles(cacheDir: string): string[] {
  const dir = path.join(cacheDir, 'compile-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('the compile cache of the vibe command', () => {
  it('is written by the first run, and the second run takes every module from it with the same output', () => {
    const cacheDir = tempDir('vibe-compile-cache-');
    const first = run([BIN, 'review', GOLDEN, '--format', 'json'], cacheDir);
    const second = run([BIN, 'review', GOLDEN, '--format', 'json'], cacheDir);
    expect(first.cache).toBeDefined();
    expect(first.cache!.used).toBe(0);
    expect(first.cache!.compiled).toBeGreaterThan(100);
    expect(second.cache).toEqual({ used: first.cache!.compiled, compiled: 0 });
    expect(second.status).toBe(first.status);
    expect(second.stdout).toBe(first.stdout);
    // The main thread's file and the secret scanner worker's, private to this user.
    const files = cacheFiles(cacheDir);
    expect(files).toEqual([`main-node-${process.version}-${process.arch}.bin`, `secretlint-worker-node-${process.version}-${process.arch}.bin`]);
    expect(fs.statSync(path.join(cacheDir, 'compile-cache')).mode & 0o777).toBe(0o700);
    for (const file of files) expect(fs.statSync(path.join(cacheDir, 'compile-cache', file)).mode & 0o777).toBe(0o600);
  });

  it('never runs code compiled from an older source, even one of the same length (V8 checks only the length)', () => {
    const cacheDir = tempDir('vibe-compile-cache-');
    const { script, module } = moduleFolder();
    fs.writeFileSync(module, "module.exports = 'first';\n");
    expect(run([script], cacheDir).stdout).toBe('first\n');
    const cached = run([script], cacheDir);
    expect(cached.stdout).toBe('first\n');
    expect(cached.cache).toEqual({ used: 1, compiled: 0 });
    fs.writeFileSync(module, "module.exports = 'other';\n");
    const changed = run([script], cacheDir);
    expect(changed.stdout).toBe('other\n');
    expect(changed.cache).toEqual({ used: 0, compiled: 1 });
    expect(run([script], cacheDir).cache).toEqual({ used: 1, compiled: 0 });
  });

  it('reads a damaged cache file as none: the command works and the file is written again', () => {
    const cacheDir = tempDir('vibe-compile-cache-');
    const { script, module } = moduleFolder();
    fs.writeFileSync(module, "module.exports = 'value';\n");
    run([script], cacheDir);
    const file = path.join(cacheDir, 'compile-cache', cacheFiles(cacheDir)[0]);
    const bytes = fs.readFileSync(file);
    // Flip bytes in the middle of the compiled data, past the header line.
    for (let i = Math.floor(bytes.length * 0.6); i < Math.floor(bytes.length * 0.6) + 64; i++) bytes[i] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const damaged = run([script], cacheDir);
    expect(damaged.status).toBe(0);
    expect(damaged.stdout).toBe('value\n');
    expect(damaged.cache).toEqual({ used: 0, compiled: 1 });
    expect(run([script], cacheDir).cache).toEqual({ used: 1, compiled: 0 });
    // A truncated file, as a crash mid-write of another tool would leave.
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
    expect(run([script], cacheDir)).toMatchObject({ status: 0, stdout: 'value\n', cache: { used: 0, compiled: 1 } });
  });

  it('is not used in a folder other users may write to, and not at all with VIBE_COMPILE_CACHE=off', () => {
    const shared = tempDir('vibe-compile-cache-');
    fs.mkdirSync(path.join(shared, 'compile-cache'), { mode: 0o700 });
    fs.chmodSync(path.join(shared, 'compile-cache'), 0o777);
    const open = run([BIN, '--version'], shared);
    expect(open.status).toBe(0);
    expect(open.cache).toBeUndefined();
    expect(cacheFiles(shared)).toEqual([]);

    const off = tempDir('vibe-compile-cache-');
    const disabled = run([BIN, '--version'], path.join(off, 'cache'), { VIBE_COMPILE_CACHE: 'off' });
    expect(disabled.status).toBe(0);
    expect(disabled.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(fs.existsSync(path.join(off, 'cache'))).toBe(false);
  });

  it('keeps what Node does without it: syntax errors, stack traces with file names, import() of an ES module (such a module is compiled without the cache)', () => {
    const cacheDir = tempDir('vibe-compile-cache-');
    const { dir, script, module } = moduleFolder();
    fs.writeFileSync(module, 'module.exports = (;\n');
    const broken = run([script], cacheDir);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('SyntaxError');
    expect(broken.stderr).toContain(module);

    fs.writeFileSync(module, "function fail() { throw new Error('from the module'); }\nmodule.exports = (() => { try { fail(); } catch (e) { return e.stack.split('\\n')[1].trim(); } })();\n");
    expect(run([script], cacheDir).stdout).toBe(`at fail (${module}:1:25)\n`);
    expect(run([script], cacheDir).stdout).toBe(`at fail (${module}:1:25)\n`);

    fs.writeFileSync(path.join(dir, 'esm.mjs'), "export const answer = 'from an ES module';\n");
    fs.writeFileSync(module, "module.exports = 'loading';\nimport('./esm.mjs').then((m) => console.log(m.answer));\n");
    for (let i = 0; i < 2; i++) expect(run([script], cacheDir).stdout).toBe('loading\nfrom an ES module\n');
  });

  it('does not fail the command when the cache folder cannot be made', () => {
    const dir = tempDir('vibe-compile-cache-');
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const result = run([BIN, '--version'], path.join(file, 'cache'));
    expect(result.status).toBe(0);
    expect(result.cache).toBeUndefined();
  });
});
