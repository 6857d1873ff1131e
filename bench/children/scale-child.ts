import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appAnswers } from './apps';
import { arg, emit, lib, numberArg, peakRssKb, runChild } from './common';

type VibeAppModule = typeof import('../../src/constructs/vibe-app');

/**
 * `scale-child --n N --out DIR`: synthesizes N different apps in this one process, each its own
 * VibeApp with its own outdir, with `app.synth()` (render, review gate, write), and reports the
 * time of each app and the peak RSS. Run in a fresh process per N.
 */
runChild(() => {
  const n = numberArg('n', 1);
  const out = arg('out');
  if (!out) throw new Error('--out is required');
  const requireStart = performance.now();
  const { VibeApp } = lib<VibeAppModule>('constructs/vibe-app');
  const requireMs = performance.now() - requireStart;
  const rssAfterRequireKb = peakRssKb();

  const times: number[] = [];
  let lastProgress = performance.now();
  for (let i = 0; i < n; i++) {
    const answers = appAnswers(i);
    const start = performance.now();
    const app = new VibeApp({ ...answers, outdir: path.join(out, answers.slug) });
    app.synth();
    times.push(performance.now() - start);
    if (performance.now() - lastProgress > 1000) {
      emit({ type: 'progress', done: i + 1 });
      lastProgress = performance.now();
    }
  }
  // What the process still holds once garbage is collected (run with --expose-gc): if it does not
  // grow with N, no app is kept, and the growth of the peak RSS is the heap's high-water mark.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  emit({
    type: 'result',
    n,
    requireMs,
    rssAfterRequireKb,
    peakRssKb: peakRssKb(),
    heapUsedKb: memory.heapUsed / 1024,
    heapTotalKb: memory.heapTotal / 1024,
    rssAfterGcKb: memory.rss / 1024,
    gcExposed: gc !== undefined,
    times,
  });
});
