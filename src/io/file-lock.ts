import * as fs from 'node:fs';
import * as os from 'node:os';
import { VibeInputError } from '../contract/errors';

/** How long a second writer waits for the first before giving up with a plain message. */
const DEFAULT_WAIT_MS = 120_000;
const POLL_MS = 25;

export interface LockOptions {
  /** What the lock protects, for the message when it cannot be had. Example: `k8s/`. */
  readonly what: string;
  /** @default 120 s */
  readonly waitMs?: number;
}

/**
 * Runs `work` while holding an exclusive lock file: a second vibe process writing the same
 * files waits for the first, so two writers never interleave. The lock names its holder's pid;
 * a lock whose process is gone (killed with -9) is taken over, so a crash never blocks the
 * next run. Node has no flock(2): O_EXCL creation is the portable equivalent.
 */
export function withFileLock<T>(lockFile: string, options: LockOptions, work: () => T): T {
  acquire(lockFile, options);
  try {
    return work();
  } finally {
    release(lockFile);
  }
}

function acquire(lockFile: string, options: LockOptions): void {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    if (tryCreate(lockFile)) return;
    const holder = holderOf(lockFile);
    if (holder !== undefined && !isAlive(holder)) {
      breakStaleLock(lockFile, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw VibeInputError.single(
        options.what,
        `another vibe process${holder ? ` (pid ${holder})` : ''} is writing here and did not finish in time; nothing was changed. ` +
          `Run again when it is done (or remove ${lockFile} if no vibe process runs).`,
      );
    }
    sleep(POLL_MS);
  }
}

function tryCreate(lockFile: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${process.pid} ${os.hostname()}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The pid written in the lock; undefined while the holder has created it but not written yet. */
function holderOf(lockFile: string): number | undefined {
  try {
    const match = /^(\d+) /.exec(fs.readFileSync(lockFile, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a dead holder's lock. Two waiters may both see it dead: the removal itself is
 * serialised by a second lock, and the holder is read again under it, so a fresh lock taken
 * by the faster waiter is never removed by the slower one.
 */
function breakStaleLock(lockFile: string, deadHolder: number): void {
  const breaker = `${lockFile}.break`;
  if (!tryCreate(breaker)) {
    // Another waiter is breaking it; a breaker left by a killed waiter is old and goes too.
    const age = ageMs(breaker);
    if (age !== undefined && age > 5_000) fs.rmSync(breaker, { force: true });
    sleep(POLL_MS);
    return;
  }
  try {
    if (holderOf(lockFile) === deadHolder) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function release(lockFile: string): void {
  if (holderOf(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
