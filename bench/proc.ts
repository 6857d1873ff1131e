import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** How to run one measured command. */
export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. @default - stdin is closed at once */
  readonly input?: string | Buffer;
  /** The child (and everything it started) is killed after this long. */
  readonly timeoutMs: number;
  /** Keep at most this many characters of stdout (the rest is counted, not kept). @default 1 MiB */
  readonly keepStdout?: number;
  /**
   * Called with each complete stdout line as it arrives. Returning a number resets the time
   * limit to that many milliseconds from now (an idle limit for children that report progress).
   */
  readonly onLine?: (line: string) => number | void;
}

export interface RunResult {
  /** Wall-clock time from spawn to exit, in milliseconds. */
  readonly ms: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stdoutBytes: number;
  readonly stderr: string;
}

const KEEP_STDERR = 64 * 1024;

/**
 * Runs a command and measures its wall-clock time. The child gets its own process group, so a
 * timeout kills it and every process it started (`cdk8s synth` → npx → ts-node).
 */
export function runTimed(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const keepStdout = options.keepStdout ?? 1024 * 1024;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    let pending = '';
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const arm = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(killGroup, ms);
    };
    arm(options.timeoutMs);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdoutBytes += Buffer.byteLength(chunk);
      if (stdout.length < keepStdout) stdout += chunk.slice(0, keepStdout - stdout.length);
      if (!options.onLine) return;
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const rearm = options.onLine(line);
        if (typeof rearm === 'number' && !timedOut) arm(rearm);
        newline = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < KEEP_STDERR) stderr += chunk.slice(0, KEEP_STDERR - stderr.length);
    });
    child.stdin.on('error', () => {
      // A child that exits without reading its input closes the pipe early; that is not our error.
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();

    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      if (timer) clearTimeout(timer);
      if (options.onLine && pending.length > 0) options.onLine(pending);
      resolve({ ms, code, signal, timedOut, stdout, stdoutBytes, stderr });
    });
  });
}

/** A short reason for a failed run, for notes and errors. */
export function failureText(result: RunResult): string {
  if (result.timedOut) return 'killed at its time limit';
  // Children report their own errors as a JSON line on stdout (bench/children/common.ts).
  const reported = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{"type":"error"'))
    .map((line) => (JSON.parse(line) as { message: string }).message.split('\n')[0]);
  const lastLines = [...reported, ...result.stderr.trim().split('\n').slice(-3)].filter((l) => l !== '').join(' | ');
  return `exit ${result.code ?? result.signal}${lastLines ? `: ${lastLines.slice(0, 400)}` : ''}`;
}

/** Runs a bench entry point: its result is the exit code; a throw prints its stack and exits 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
