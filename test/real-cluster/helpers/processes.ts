import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Processes the cluster tests start: each one's output goes to a log file in the run's temp
 * folder, and each is stopped by its pid — on stop(), and with SIGKILL if the test process exits
 * without stopping it (a crash or a timeout in beforeAll).
 */
export class TestProcess {
  static start(name: string, command: string, args: readonly string[], options: { log: string; env?: NodeJS.ProcessEnv }): TestProcess {
    const out = fs.openSync(options.log, 'a');
    const child = spawn(command, args, { stdio: ['ignore', out, out], env: options.env ?? process.env });
    fs.closeSync(out);
    return new TestProcess(name, child, options.log);
  }

  private readonly exited: Promise<void>;
  private exitCode: number | null | undefined;

  private constructor(readonly name: string, private readonly child: ChildProcess, readonly log: string) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      });
      child.once('error', () => {
        this.exitCode = -1;
        resolve();
      });
    });
    STARTED.add(this);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The last lines of its log, for an error message. */
  tail(lines = 15): string {
    const text = fs.existsSync(this.log) ? fs.readFileSync(this.log, 'utf8') : '';
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 10_000): Promise<void> {
    STARTED.delete(this);
    if (!this.running || this.pid === undefined) return;
    process.kill(this.pid, 'SIGTERM');
    const timer = setTimeout(() => this.running && this.pid !== undefined && process.kill(this.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const STARTED = new Set<TestProcess>();
process.once('exit', () => {
  for (const p of STARTED) if (p.running && p.pid !== undefined) process.kill(p.pid, 'SIGKILL');
});

export { freePort } from '../../helpers/free-port';

/** Polls `ready` until it resolves true; fails with the process's log tail when it dies or time runs out. */
export async function waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs: number, proc?: TestProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && !proc.running) throw new Error(`${proc.name} exited before ${what}; its log (${proc.log}) ends:\n${proc.tail()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const log = proc ? `; its log (${proc.log}) ends:\n${proc.tail()}` : '';
  throw new Error(`${proc?.name ?? 'testenv'}: not ${what} after ${timeoutMs / 1000}s${log}`);
}
