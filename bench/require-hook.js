'use strict';
// Preloaded with `node -r bench/require-hook.js` by the benchmark (bench/require-profile.ts).
// Times every module's first load (resolve + compile + run of its top level) through
// Module._load: inclusive time, and self time (minus the modules it loaded). Writes JSON to
// $VIBE_BENCH_REQUIRE_OUT[.<threadId>] when the thread exits. Plain JavaScript on purpose: it
// runs in the measured process (and in its worker threads) without any TypeScript loader.
const Module = require('node:module');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { threadId } = require('node:worker_threads');

const out = process.env.VIBE_BENCH_REQUIRE_OUT;
if (out) {
  const startedAt = performance.now();
  const originalLoad = Module._load;
  const records = [];
  const stack = [];
  Module._load = function timedLoad(request, parent, isMain) {
    let filename;
    try {
      filename = Module._resolveFilename(request, parent, isMain);
    } catch {
      return originalLoad.apply(this, arguments);
    }
    if (filename in Module._cache || !filename.includes('/')) return originalLoad.apply(this, arguments);
    const frame = { child: 0 };
    stack.push(frame);
    const start = performance.now();
    try {
      return originalLoad.apply(this, arguments);
    } finally {
      const total = performance.now() - start;
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1].child += total;
      records.push({ file: filename, total, self: total - frame.child, depth: stack.length, at: start });
      // A worker thread may be terminated without an exit event: keep its profile on disk.
      if (threadId !== 0 && stack.length === 0) write();
    }
  };
  function write() {
    const file = threadId === 0 ? out : `${out}.${threadId}`;
    try {
      fs.writeFileSync(file, JSON.stringify({ threadId, startedAt, endedAt: performance.now(), records }));
    } catch {
      // The benchmark reports a missing profile; the measured command must not fail because of it.
    }
  }
  process.on('exit', write);
}
