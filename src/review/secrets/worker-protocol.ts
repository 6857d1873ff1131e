import type { MessagePort } from 'node:worker_threads';

/** What the scanner and its secretlint worker exchange; shared so both sides agree. */

/** Bumped when a message changes shape, so a stale compiled worker is refused. */
export const WORKER_PROTOCOL = 2;

/** Where a secretlint rule matched: never the matched text, never secretlint's message (it quotes the secret). */
export interface WorkerHit {
  /** Index of the text in the request. */
  readonly index: number;
  /** secretlint's rule id, e.g. `@secretlint/secretlint-rule-github`. */
  readonly ruleId: string;
  /** Offsets of the match in that text. */
  readonly start: number;
  readonly end: number;
}

/** The worker's workerData: where requests come from and answers go, and the answer counter. */
export interface WorkerSetup {
  readonly port: MessagePort;
  /** [0] counts the answers posted; the worker notifies on it, so the caller can block on it. */
  readonly answered: Int32Array;
}

/** Every text of one review, with the caller's id for the request. */
export interface ScanRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

/** The hits, or why secretlint failed (in its own words, which never quote a scanned text). */
export type ScanAnswer =
  | { readonly id: number; readonly protocol: number; readonly hits: WorkerHit[] }
  | { readonly id: number; readonly protocol: number; readonly error: string };
