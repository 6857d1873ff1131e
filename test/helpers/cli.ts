import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { clusterConfigLine } from '../../src/inputs/cluster-config-discovery';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The executable npm links as `vibe` (the compile cache, then lib/cli/main.js). */
export const CLI = path.join(ROOT, 'lib', 'cli', 'bin.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled `vibe` CLI (built by the test task before jest starts). */
export function vibe(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line, which bad input must never print. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

/** The first line of a text review that found no cluster settings file (the platform defaults). */
export const DEFAULTS_LINE = clusterConfigLine({ origin: 'defaults' });
