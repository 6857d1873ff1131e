import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * The secret scanner's worker thread runs from the bundle the compile task builds
 * (lib/review/secrets/secretlint-worker.bundle.js: the worker and secretlint in one CommonJS
 * file), or from the plain compiled worker when the bundle is missing or older than it. Both must
 * find the same secrets. Each case runs on a copy of the compiled files, so the repository's lib/
 * is never touched.
 */

const LIB = path.join(ROOT, 'lib');

function random(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}

/** Generated fake credentials of formats secretlint's preset knows, among plain lines. */
const TEXTS = [
  `token: ghp_${random(36)}`,
  'nothing to see here, only words',
  `SLACK=xoxb-${random(12, '0123456789')}-${random(13, '0123456789')}-${random(24)}`,
  `npm_${random(36)}`,
];

/** A copy of the compiled worker files (and the compile cache they use), with node_modules linked. */
function copyOfLib(): string {
  const dir = tempDir('vibe-worker-bundle-');
  for (const part of [path.join('review', 'secrets'), 'io']) fs.cpSync(path.join(LIB, part), path.join(dir, 'lib', part), { recursive: true, preserveTimestamps: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

interface Scan {
  readonly hits: { index: number; ruleId: string; start: number; end: number }[];
  /** How many modules the worker thread compiled (its compile cache line). */
  readonly workerCompiled: number;
}

function scan(copy: string): Scan {
  const client = path.join(copy, 'lib', 'review', 'secrets', 'secretlint-client.js');
  const script = `const hits = require(${JSON.stringify(client)}).beginSecretlintScan(${JSON.stringify(TEXTS)})(); console.log(JSON.stringify(hits));`;
  const result = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, VIBE_CACHE_DIR: tempDir('vibe-worker-cache-'), VIBE_DEBUG_COMPILE_CACHE: '1', VIBE_COMPILE_CACHE: '' },
  });
  expect(result.status).toBe(0);
  const line = /compile cache: \d+ from the cache, (\d+) compiled \([^)]*secretlint-worker-node/.exec(result.stderr);
  expect(line).not.toBeNull();
  return { hits: JSON.parse(result.stdout) as Scan['hits'], workerCompiled: Number(line![1]) };
}

describe('the secret scanner worker bundle', () => {
  it('is built by the compile task, and finds what the plain worker finds', () => {
    expect(fs.existsSync(path.join(LIB, 'review', 'secrets', 'secretlint-worker.bundle.js'))).toBe(true);
    const bundled = scan(copyOfLib());
    // The bundle is one module for the thread's cache (the plain worker loads secretlint's ES
    // modules, which the CommonJS cache does not see, and its own CommonJS files).
    expect(bundled.workerCompiled).toBe(1);
    expect(bundled.hits.map((hit) => hit.index).sort()).toEqual([0, 2, 3]);

    const plainCopy = copyOfLib();
    fs.rmSync(path.join(plainCopy, 'lib', 'review', 'secrets', 'secretlint-worker.bundle.js'));
    const plain = scan(plainCopy);
    expect(plain.workerCompiled).toBeGreaterThan(1);
    expect(plain.hits).toEqual(bundled.hits);
  });

  it('is not used when it is older than the worker it was built from (a tsc run after the last bundling)', () => {
    const copy = copyOfLib();
    const secrets = path.join(copy, 'lib', 'review', 'secrets');
    const older = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(secrets, 'secretlint-worker.bundle.js'), older, older);
    const stale = scan(copy);
    expect(stale.workerCompiled).toBeGreaterThan(1);
    expect(stale.hits.map((hit) => hit.index).sort()).toEqual([0, 2, 3]);
  });
});
