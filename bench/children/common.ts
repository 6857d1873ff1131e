import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Helpers for the child processes. Children run as plain JavaScript (transpiled by run.ts into
 * the temp folder) and load the compiled library from `lib/` by absolute path: they measure what
 * users run, with no TypeScript loader in the process.
 */

const ROOT = process.env.VIBE_BENCH_ROOT;
if (!ROOT) throw new Error('VIBE_BENCH_ROOT is not set: children are started by bench/run.ts');

/** The repository root. */
export const REPO_ROOT: string = ROOT;

/** Loads a compiled module of the library, e.g. `lib('review/engine')`, typed by its source. */
export function lib<T>(modulePath: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(REPO_ROOT, 'lib', modulePath)) as T;
}

/** Loads a package as the library resolves it (from the repository's node_modules). */
export function dependency<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(name, { paths: [REPO_ROOT] })) as T;
}

/**
 * One JSON line on stdout, written synchronously: the parent reads progress line by line and
 * may kill this process at a time limit, so nothing may wait in a buffer.
 */
export function emit(message: Record<string, unknown>): void {
  fs.writeSync(1, `${JSON.stringify(message)}\n`);
}

/** Peak resident set size of this process in kilobytes (VmHWM; maxRSS where /proc is absent). */
export function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

/** `--name value` from argv (undefined when absent). */
export function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

export function numberArg(name: string, fallback: number): number {
  const value = arg(name);
  return value === undefined ? fallback : Number(value);
}

/** Runs the child's main and turns a failure into an `error` line and exit code 1. */
export function runChild(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      emit({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
      process.exitCode = 1;
    });
}
