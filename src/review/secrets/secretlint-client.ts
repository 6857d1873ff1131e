import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { WORKER_PROTOCOL, type ScanAnswer, type ScanRequest, type WorkerHit, type WorkerSetup } from './worker-protocol';

const WORKER_FILE = 'secretlint-worker-entry.js';
/** A review should never hang on the worker; this is far above a 10 MB scan. */
const WORKER_TIMEOUT_MS = 120_000;

/**
 * The compiled worker. Worker threads run plain JavaScript, so the worker is always loaded from
 * `lib/`, whichever copy of this module runs:
 * - compiled, this file is `lib/review/secrets/secretlint-client.js` and the worker sits beside it;
 * - under jest (@swc/jest runs `src/` in memory, nothing is written beside it), this file is
 *   `src/review/secrets/secretlint-client.ts` and the worker is `../../../lib/review/secrets/`,
 *   which the test task compiles before jest runs.
 * The second path also resolves from `lib/` to the same file, so the order only saves a stat.
 */
export function workerFile(): string {
  const candidates = [path.join(__dirname, WORKER_FILE), path.resolve(__dirname, '..', '..', '..', 'lib', 'review', 'secrets', WORKER_FILE)];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`the secret scanner's worker is not compiled (looked for ${candidates.join(' and ')}); run "npx tsc --build" (or npm run compile) first`);
  }
  return found;
}

interface RunningWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly answered: Int32Array;
}

/** Started once and kept for the life of the process (the thread and its port are unref'd). */
let running: RunningWorker | undefined;
let nextId = 1;

/**
 * Starts the secretlint worker now, ahead of the first scan (idempotent). Starting the thread and
 * loading secretlint in it takes ~100 ms; a caller that knows a scan is coming (vibe synth, whose
 * gate always scans) starts it first, so that this happens on another core while the caller does
 * its own work instead of being waited for at the scan. The scan itself is unchanged.
 */
export function startSecretScanner(): void {
  secretlintWorker();
}

function secretlintWorker(): RunningWorker {
  if (running) return running;
  const { port1, port2 } = new MessageChannel();
  const answered = new Int32Array(new SharedArrayBuffer(4));
  const setup: WorkerSetup = { port: port2, answered };
  const worker = new Worker(workerFile(), { workerData: setup, transferList: [port2] });
  worker.unref();
  port1.unref();
  // A thread that dies posts no answer; the waiting call says so when its time is up.
  worker.on('error', () => undefined);
  running = { worker, port: port1, answered };
  return running;
}

/**
 * Posts every text to secretlint in the worker and returns at once; the returned function blocks
 * (Atomics.wait on a shared counter) until the hits are there. In between, the caller's thread runs
 * other work while secretlint scans on another core.
 */
export function beginSecretlintScan(texts: readonly string[]): () => WorkerHit[] {
  const { port, answered } = secretlintWorker();
  const request: ScanRequest = { id: nextId++, texts };
  port.postMessage(request);
  let outcome: { hits: WorkerHit[] } | { error: unknown } | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = { hits: awaitAnswer(request.id, port, answered) };
      } catch (error) {
        // The answer is consumed: a second call must fail the same way, not wait for another.
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.hits;
  };
}

function awaitAnswer(id: number, port: MessagePort, answered: Int32Array): WorkerHit[] {
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  for (;;) {
    // Read the counter before the port: an answer posted after the read bumps the counter, so the wait below returns at once.
    const count = Atomics.load(answered, 0);
    const received = receiveMessageOnPort(port)?.message as ScanAnswer | undefined;
    if (received) {
      if (received.protocol !== WORKER_PROTOCOL) throw new Error(`the compiled secret scanner worker (${workerFile()}) is out of date; run "npx tsc --build" again`);
      if (received.id !== id) continue;
      if ('error' in received) throw new Error(`secretlint failed in its worker: ${received.error}`);
      return received.hits;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the secret scanner's worker did not answer within ${WORKER_TIMEOUT_MS / 1000} s`);
    Atomics.wait(answered, 0, count, left);
  }
}
