/** What the scanner and its secretlint worker exchange; shared so both sides agree. */

/** Bumped when the call or the answer changes shape, so a stale compiled worker is refused. */
export const WORKER_PROTOCOL = 1;

/** Where a secretlint rule matched: never the matched text, never secretlint's message (it quotes the secret). */
export interface WorkerHit {
  /** Index of the text in the call. */
  readonly index: number;
  /** secretlint's rule id, e.g. `@secretlint/secretlint-rule-github`. */
  readonly ruleId: string;
  /** Offsets of the match in that text. */
  readonly start: number;
  readonly end: number;
}

export interface WorkerAnswer {
  readonly protocol: number;
  readonly hits: WorkerHit[];
}

/** The worker's function: every text of a review in one call. */
export type ScanInWorker = (texts: readonly string[]) => Promise<WorkerAnswer>;
