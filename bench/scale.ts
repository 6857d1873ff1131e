import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bench } from './env';
import type { Row, SectionResult } from './report';
import { failureText, runTimed } from './proc';
import { formatMiB, formatMs, formatRatio, median, quantile, sum } from './stats';

const TITLE = '2. Scale: N different apps synthesized in one process (app.synth() each)';
/**
 * Per-app time at N=500 may be at most this multiple of the per-app time at N=100, both warm
 * (the first app of each process excluded): a cost that grows with N cannot hide behind the JIT
 * warm-up of a small N.
 */
const LINEAR_TARGET = 1.2;
const LINEAR_BASE_N = 100;
const RSS_BUDGET_KB = 250 * 1024;
const RSS_TARGET_N = 500;

interface ScaleRun {
  readonly n: number;
  readonly requireMs: number;
  readonly rssAfterRequireKb: number;
  readonly peakRssKb: number;
  /** After a full garbage collection at the end of the run. */
  readonly heapUsedKb: number;
  readonly rssAfterGcKb: number;
  readonly gcExposed: boolean;
  readonly times: readonly number[];
}

export interface ScaleSummary {
  readonly n: number;
  readonly runs: number;
  /** The first app of the process (JIT warm-up, the secretlint worker starts). */
  readonly firstAppMs: number;
  /** Median per-app time, first app excluded (for N=1: the first app). */
  readonly perAppMs: number;
  readonly perAppP90Ms: number;
  readonly totalMs: number;
  readonly peakRssKb: number;
  readonly rssAfterRequireKb: number;
  /** JS heap in use after a full GC at the end of the run (what the process still holds). */
  readonly heapAfterGcKb: number;
  readonly rssAfterGcKb: number;
  /** Within one run: median of the last tenth of the apps ÷ median of the second tenth. */
  readonly drift?: number;
}

export interface ScaleResult {
  readonly section: SectionResult;
  /** The folder holding each N's synthesized apps (one app per subfolder), for the review benchmark. */
  readonly outputs: ReadonlyMap<number, string>;
}

function summarise(n: number, runs: readonly ScaleRun[]): ScaleSummary {
  const perRun = runs.map((run) => {
    const steady = run.times.length > 1 ? run.times.slice(1) : run.times;
    const tenth = Math.max(1, Math.floor(run.times.length / 10));
    const drift = run.times.length >= 50 ? median(run.times.slice(-tenth)) / median(run.times.slice(tenth, 2 * tenth)) : undefined;
    return { first: run.times[0], perApp: median(steady), p90: quantile(steady, 0.9), total: sum(run.times), drift };
  });
  const drifts = perRun.map((r) => r.drift).filter((d): d is number => d !== undefined);
  return {
    n,
    runs: runs.length,
    firstAppMs: median(perRun.map((r) => r.first)),
    perAppMs: median(perRun.map((r) => r.perApp)),
    perAppP90Ms: median(perRun.map((r) => r.p90)),
    totalMs: median(perRun.map((r) => r.total)),
    peakRssKb: median(runs.map((r) => r.peakRssKb)),
    rssAfterRequireKb: median(runs.map((r) => r.rssAfterRequireKb)),
    heapAfterGcKb: median(runs.map((r) => (r.gcExposed ? r.heapUsedKb : NaN))),
    rssAfterGcKb: median(runs.map((r) => r.rssAfterGcKb)),
    ...(drifts.length > 0 ? { drift: median(drifts) } : {}),
  };
}

export async function scale(bench: Bench): Promise<ScaleResult> {
  const quick = bench.options.quick;
  const sizes = quick ? [1, 10, 100] : [1, 10, 100, 500];
  // Each run's per-app time is already a median over its apps; small N are repeated more.
  const reps = (n: number) => (n <= 10 ? (quick ? 2 : 3) : 1);
  const root = path.join(bench.tmp, 'scale');
  const runs = new Map<number, ScaleRun[]>(sizes.map((n) => [n, []]));
  const outputs = new Map<number, string>();
  const failures: string[] = [];

  // Round-robin over the sizes (1, 10, 100, 500, 1, 10, …): each N in a fresh process.
  const rounds = Math.max(...sizes.map(reps));
  for (let round = 0; round < rounds; round++) {
    for (const n of sizes) {
      // Past the soft time budget, sizes that have a run already get no more.
      if (round >= reps(n) || (round > 0 && bench.hurry())) continue;
      bench.log(`scale: N=${n} (run ${round + 1} of ${reps(n)})`);
      const out = path.join(root, `n${n}-run${round}`);
      let result: ScaleRun | undefined;
      const run = await runTimed(process.execPath, ['--expose-gc', bench.childScript('scale-child'), '--n', String(n), '--out', out], {
        env: bench.env,
        // An idle limit: the child reports progress every second; a stuck app stops the run.
        timeoutMs: 60_000,
        onLine: (line) => {
          if (!line.startsWith('{')) return;
          const message = JSON.parse(line) as { type: string } & ScaleRun;
          if (message.type === 'result') result = message;
          return 60_000;
        },
      });
      if (!result || run.code !== 0) {
        failures.push(`N=${n}: ${failureText(run)}`);
        fs.rmSync(out, { recursive: true, force: true });
        continue;
      }
      runs.get(n)!.push(result);
      // Keep the latest output of each N for the review benchmark; drop the others.
      const previous = outputs.get(n);
      if (previous) fs.rmSync(previous, { recursive: true, force: true });
      outputs.set(n, out);
    }
  }

  const summaries = sizes.filter((n) => runs.get(n)!.length > 0).map((n) => summarise(n, runs.get(n)!));
  const at = (n: number) => summaries.find((s) => s.n === n);
  const largest = summaries[summaries.length - 1];
  const rows: Row[] = [];
  for (const s of summaries) {
    const base = at(s.n > LINEAR_BASE_N ? LINEAR_BASE_N : 10);
    const linear = s.n > 10 && base !== undefined;
    const judged = s.n > LINEAR_BASE_N;
    rows.push({
      section: TITLE,
      name: s.n === 1 ? 'N=1: the one app (cold in its process: JIT, secretlint worker start)' : `N=${s.n}: time per app (median, first app excluded)`,
      value: formatMs(s.perAppMs),
      runs: s.runs,
      ...(linear
        ? {
          baseline: `N=${base.n}: ${formatMs(base.perAppMs)}/app`,
          ratio: formatRatio(s.perAppMs / base.perAppMs),
          ...(judged ? { target: `≤ ${LINEAR_TARGET}× per app of N=${LINEAR_BASE_N} (linear, both warm)`, met: s.perAppMs / base.perAppMs <= LINEAR_TARGET } : {}),
        }
        : {}),
      note: `total ${formatMs(s.totalMs)}, p90 ${formatMs(s.perAppP90Ms)}/app, first app ${formatMs(s.firstAppMs)}, peak RSS ${formatMiB(s.peakRssKb)}` +
        (s.drift !== undefined ? `, last tenth vs second tenth of the run ${formatRatio(s.drift)}` : ''),
    });
  }
  const rssRow = at(RSS_TARGET_N);
  rows.push({
    section: TITLE,
    name: `N=${rssRow ? RSS_TARGET_N : largest?.n ?? '?'}: peak RSS (VmHWM)`,
    value: formatMiB((rssRow ?? largest)?.peakRssKb),
    runs: (rssRow ?? largest)?.runs,
    baseline: `N=1: ${formatMiB(at(1)?.peakRssKb)}`,
    ratio: `${formatRatio(((rssRow ?? largest)?.peakRssKb ?? NaN) / RSS_BUDGET_KB)} of ${formatMiB(RSS_BUDGET_KB)}`,
    target: `≤ ${formatMiB(RSS_BUDGET_KB)} at N=${RSS_TARGET_N}`,
    ...(rssRow ? { met: rssRow.peakRssKb <= RSS_BUDGET_KB } : { note: `N=${RSS_TARGET_N} is not run with --quick` }),
  });

  const growthFrom = at(LINEAR_BASE_N);
  if (rssRow && growthFrom) {
    const perAppKb = (rssRow.peakRssKb - growthFrom.peakRssKb) / (rssRow.n - growthFrom.n);
    const heapPerAppKb = (rssRow.heapAfterGcKb - growthFrom.heapAfterGcKb) / (rssRow.n - growthFrom.n);
    rows.push({
      section: TITLE,
      name: `peak RSS growth per app, N=${growthFrom.n} → N=${rssRow.n}`,
      value: `${(perAppKb / 1024).toFixed(3)} MiB`,
      runs: Math.min(rssRow.runs, growthFrom.runs),
      note: Number.isFinite(heapPerAppKb)
        ? `JS heap still in use after a full GC grows ${(heapPerAppKb / 1024).toFixed(3)} MiB per app (${formatMiB(growthFrom.heapAfterGcKb)} → ${formatMiB(rssRow.heapAfterGcKb)})`
        : 'heap after GC not measured (the child ran without --expose-gc)',
    });
  }

  const causes: string[] = [];
  if (summaries.length > 0) {
    causes.push(
      '| N | runs | first app | per app (median) | p90 per app | total | RSS after require | peak RSS | heap after a full GC | RSS after it |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...summaries.map(
        (s) =>
          `| ${s.n} | ${s.runs} | ${formatMs(s.firstAppMs)} | ${formatMs(s.perAppMs)} | ${formatMs(s.perAppP90Ms)} | ${formatMs(s.totalMs)} | ${formatMiB(s.rssAfterRequireKb)} | ${formatMiB(s.peakRssKb)} | ${formatMiB(s.heapAfterGcKb)} | ${formatMiB(s.rssAfterGcKb)} |`,
      ),
      '',
    );
    const big = at(500) ?? at(100);
    const small = at(100) === big ? at(10) : at(100);
    if (big && small && big.n > small.n) {
      const perAppKb = (big.peakRssKb - small.peakRssKb) / (big.n - small.n);
      causes.push(
        `Peak RSS grows by ${(perAppKb / 1024).toFixed(2)} MiB per app between N=${small.n} and N=${big.n} (the benchmark keeps no app after its synth()); ` +
          `the JS heap still in use after a full GC goes from ${formatMiB(small.heapAfterGcKb)} to ${formatMiB(big.heapAfterGcKb)}` +
          `${Math.abs(big.heapAfterGcKb - small.heapAfterGcKb) < 0.25 * Math.max(1, big.peakRssKb - small.peakRssKb) ? ', so no app is retained: the growth of the peak is how far V8 lets the heap grow before collecting (its high-water mark), not memory kept' : ', so some memory is kept per app'}. ` +
          `Per-app time at N=${big.n} is ${formatRatio(big.perAppMs / small.perAppMs)} the time at N=${small.n}` +
          (big.drift !== undefined ? `; within the N=${big.n} run the last tenth of the apps took ${formatRatio(big.drift)} the time of the second tenth.` : '.'),
        `The first app of a process costs ${formatMs(big.firstAppMs)} (JIT warm-up and the secretlint worker, which the review gate starts once per process); ` +
          `each further app renders its charts, runs the review gate on its own objects and writes its files.`,
      );
    }
  }
  if (failures.length > 0) causes.push('', `Failed runs: ${failures.join('; ')}`);
  return { section: { title: TITLE, rows, causes, data: { summaries, failures } }, outputs };
}
