/**
 * The worker thread that runs secretlint (asynchronous, ESM) for the synchronous scanner. The
 * scanner starts the thread from `secretlint-worker-entry.js` (see `workerFile()` in
 * secretlint-client.ts), which runs this module (or its bundle) and calls serveScans. The scanner
 * posts one request per review with every text of it, goes on with other checks, and blocks on
 * the answer counter only when it needs the hits.
 *
 * It returns only where each rule matched (text index, offsets, rule id): never the matched text
 * and never secretlint's messages, which quote the secret.
 */
import { workerData } from 'node:worker_threads';
import { WORKER_PROTOCOL, type ScanAnswer, type ScanRequest, type WorkerHit, type WorkerSetup } from './worker-protocol';

/**
 * Texts are joined into a few large sources, since one secretlint call costs about the same for
 * 100 bytes as for 100 kB (10,000 log lines: ~30 ms joined, ~2.5 s one by one). The separator
 * holds a NUL between line breaks, which no rule's character class accepts, and a match that
 * still spans two texts is dropped rather than reported on either.
 */
const SEPARATOR = '\n\u0000\n';
const MAX_CHUNK_CHARS = 4 * 1024 * 1024;

type LintSource = typeof import('@secretlint/core').lintSource;
let loaded: Promise<{ lintSource: LintSource; config: Parameters<LintSource>[0]['options']['config'] }> | undefined;

function secretlint() {
  loaded ??= (async () => {
    const [core, preset] = await Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
    return { lintSource: core.lintSource, config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] } };
  })();
  return loaded;
}

async function scan(texts: readonly string[]): Promise<WorkerHit[]> {
  const { lintSource, config } = await secretlint();
  const hits: WorkerHit[] = [];
  let first = 0;
  while (first < texts.length) {
    // One chunk: texts first..last-1, each starting at offsets[i - first].
    const offsets: number[] = [];
    let length = 0;
    let last = first;
    while (last < texts.length && (last === first || length + SEPARATOR.length + texts[last].length <= MAX_CHUNK_CHARS)) {
      if (last > first) length += SEPARATOR.length;
      offsets.push(length);
      length += texts[last].length;
      last++;
    }
    const content = texts.slice(first, last).join(SEPARATOR);
    const result = await lintSource({
      source: { content, filePath: 'review-input.txt', ext: '.txt', contentType: 'text' },
      options: { config, noPhysicFilePath: true, maskSecrets: true },
    });
    for (const message of result.messages) {
      const [start, end] = message.range;
      const local = lastAtOrBefore(offsets, start);
      const index = first + local;
      const textStart = offsets[local];
      if (end > textStart + texts[index].length) continue;
      hits.push({ index, ruleId: message.ruleId, start: start - textStart, end: end - textStart });
    }
    first = last;
  }
  return hits;
}

/** Index of the last offset <= position (offsets ascending, offsets[0] = 0). */
function lastAtOrBefore(offsets: readonly number[], position: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (offsets[middle] <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Answers the scan requests posted to this thread. `afterFirstAnswer` runs once, just before the
 * first answer is posted: the thread's entry saves its compile cache there, since a worker thread
 * ends with its process and never sees an exit event.
 */
export function serveScans(afterFirstAnswer: () => void = () => undefined): void {
  const { port, answered } = workerData as WorkerSetup;
  let answeredOnce = false;
  port.on('message', (request: ScanRequest) => {
    void scan(request.texts)
      .then(
        (hits): ScanAnswer => ({ id: request.id, protocol: WORKER_PROTOCOL, hits }),
        (error: unknown): ScanAnswer => ({ id: request.id, protocol: WORKER_PROTOCOL, error: (error as Error)?.message ?? String(error) }),
      )
      .then((answer) => {
        if (!answeredOnce) {
          answeredOnce = true;
          afterFirstAnswer();
        }
        port.postMessage(answer);
        Atomics.add(answered, 0, 1);
        Atomics.notify(answered, 0);
      });
  });
  // Load secretlint as soon as the thread starts rather than on the first request, which may come
  // long after (see startSecretScanner). A failure is reported by that request, which awaits the
  // same promise; this catch only keeps it from counting as unhandled meanwhile.
  secretlint().catch(() => undefined);
}
