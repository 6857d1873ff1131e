import * as fs from 'node:fs';
import * as path from 'node:path';
import { installCompileCache } from '../../io/compile-cache';

/**
 * The first module of the secret scanner's worker thread. It installs the compile cache, then
 * runs the worker from its bundle when the build made one that is not older than the worker
 * itself, else from the plain compiled module.
 *
 * Why a bundle (built by the compile task with esbuild: secretlint and the worker in one CommonJS
 * file): secretlint ships ES modules, and a thread that loads ES modules through require first
 * compiles Node's own ES module loader. Measured on `vibe review` of one app: the thread was busy
 * ~300 ms loading it the plain way and ~120 ms from the bundle with its compile cache, and the
 * review waits for the thread's answer.
 */
const saveCompileCache = installCompileCache(process.env, 'secretlint-worker');

const BUNDLE = path.join(__dirname, 'secretlint-worker.bundle.js');
const PLAIN = path.join(__dirname, 'secretlint-worker.js');

/** The bundle when it is at least as new as the module it was built from (a later `tsc` alone leaves it stale). */
function workerModule(): string {
  try {
    return fs.statSync(BUNDLE).mtimeMs >= fs.statSync(PLAIN).mtimeMs ? BUNDLE : PLAIN;
  } catch {
    return PLAIN;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
(require(workerModule()) as typeof import('./secretlint-worker')).serveScans(saveCompileCache);
