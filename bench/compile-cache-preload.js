'use strict';
// Experiment of the benchmark (bench/cold-synth.ts), not part of vibe-env: preloaded with
// `node -r bench/compile-cache-preload.js lib/cli/main.js ...` to estimate what a V8 compile
// cache (the approach of the `v8-compile-cache` package) would save on a cold `vibe synth`.
// It uses `v8-compile-cache-lib`, the copy of that code ts-node already brings in, with the cache
// in the benchmark's temp folder. Plain JavaScript: it runs before any module of the measured command.
const dir = process.env.VIBE_BENCH_COMPILE_CACHE_DIR;
const root = process.env.VIBE_BENCH_ROOT;
if (dir && root) {
  try {
    require(require.resolve('v8-compile-cache-lib', { paths: [root] })).install({ cacheDir: dir, prefix: 'vibe-bench' });
  } catch {
    // Not installed: the benchmark reports the experiment as not run.
  }
}
