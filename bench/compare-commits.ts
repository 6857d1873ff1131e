/**
 * `npx ts-node --swc bench/compare-commits.ts <baseline-lib> <candidate-lib> [--n 100] [--pairs 11] [--reps 3] [--dir SET] [--keep-temp]`
 *
 * The review section's in-process workload (loadManifests + review() over N synthesized apps) with
 * two builds of the library, e.g. another commit's lib/ beside this one:
 *
 *   git worktree add /tmp/base <commit> && cp -al node_modules /tmp/base/ && (cd /tmp/base && npx tsc --build)
 *   npx ts-node --swc bench/compare-commits.ts /tmp/base/lib lib
 *
 * Both builds review the SAME folder (synthesized once with this checkout's lib/, or --dir), each
 * in a fresh process per round, interleaved A B A B … so that a machine getting busier or quieter
 * hits both alike. Each process makes a warm-up and --reps measured repetitions (its median is
 * the round's sample). Printed: the paired throughput ratios (baseline ms ÷ candidate ms: above 1
 * the candidate is faster), median and p25–p75, for the whole workload, review() alone and
 * loadManifests alone, and the built-in secret patterns' time over the set's ConfigMap and env
 * values; the whole workload and review() also in CPU time of the process (every thread), which other
 * processes on the machine move far less than the wall clock. Not part of npm test (it takes minutes).
 */
import * as path from 'node:path';
import { createBench, EXAMPLE_CERT, removeTemp } from './env';
import { failureText, runMain, runTimed } from './proc';
import { formatMs, formatRatio, median, quantile } from './stats';

interface Rep {
  readonly objects: number;
  readonly findings: number;
  readonly loadMs: number;
  readonly reviewMs: number;
  readonly loadCpuMs: number;
  readonly reviewCpuMs: number;
  readonly texts: number;
  readonly distinctTexts: number;
  readonly textChars: number;
  readonly hits: number;
  readonly scanAllMs: number;
  readonly scanDistinctMs: number;
}

const METRICS = {
  'loadManifests + review()': (r: Rep) => r.loadMs + r.reviewMs,
  'review() alone': (r: Rep) => r.reviewMs,
  'loadManifests alone': (r: Rep) => r.loadMs,
  'loadManifests + review(), CPU time (all threads)': (r: Rep) => r.loadCpuMs + r.reviewCpuMs,
  'review() alone, CPU time (all threads)': (r: Rep) => r.reviewCpuMs,
  'built-in secret patterns, every text': (r: Rep) => r.scanAllMs,
  'built-in secret patterns, distinct texts': (r: Rep) => r.scanDistinctMs,
} as const;
type Metric = keyof typeof METRICS;

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--') && argv[i - 1] !== '--keep-temp'));
  if (positional.length !== 2) {
    process.stderr.write('usage: compare-commits.ts <baseline-lib-dir> <candidate-lib-dir> [--n 100] [--pairs 11] [--reps 3] [--dir SET] [--keep-temp]\n');
    return 2;
  }
  const [baseline, candidate] = positional.map((p) => path.resolve(p));
  const n = Number(option(argv, 'n') ?? 100);
  const pairs = Number(option(argv, 'pairs') ?? 11);
  const reps = option(argv, 'reps') ?? '3';
  const bench = createBench({ quick: true, only: new Set(), check: false, keepTemp: argv.includes('--keep-temp') });
  try {
    let dir = option(argv, 'dir');
    if (!dir) {
      dir = path.join(bench.tmp, `n${n}`);
      bench.log(`synthesizing ${n} apps into ${dir} (this checkout's lib/)`);
      const run = await runTimed(process.execPath, [bench.childScript('scale-child'), '--n', String(n), '--out', dir], { env: bench.env, timeoutMs: 600_000 });
      if (run.code !== 0) throw new Error(`synthesizing failed: ${failureText(run)}`);
    }
    const once = async (lib: string): Promise<Rep> => {
      const run = await runTimed(process.execPath, ['--expose-gc', bench.childScript('compare-child'), '--lib', lib, '--dir', dir, '--cert', EXAMPLE_CERT, '--reps', reps], {
        env: bench.env,
        timeoutMs: 600_000,
      });
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Rep & { type: string; message?: string });
      const error = lines.find((l) => l.type === 'error');
      if (run.code !== 0 || error) throw new Error(`${lib}: ${error?.message ?? failureText(run)}`);
      const rows = lines.filter((l) => l.type === 'rep');
      // The process's sample: the median of its repetitions, metric by metric.
      const med = (f: (r: Rep) => number) => median(rows.map(f));
      return {
        ...rows[0],
        loadMs: med((r) => r.loadMs),
        reviewMs: med((r) => r.reviewMs),
        loadCpuMs: med((r) => r.loadCpuMs),
        reviewCpuMs: med((r) => r.reviewCpuMs),
        scanAllMs: med((r) => r.scanAllMs),
        scanDistinctMs: med((r) => r.scanDistinctMs),
      };
    };
    const samples: { base: Rep; cand: Rep }[] = [];
    for (let i = 0; i < pairs; i++) {
      const base = await once(baseline);
      const cand = await once(candidate);
      samples.push({ base, cand });
      bench.log(`pair ${i + 1}/${pairs}: baseline ${formatMs(base.loadMs + base.reviewMs)}, candidate ${formatMs(cand.loadMs + cand.reviewMs)}`);
    }
    const { base, cand } = samples[0];
    process.stdout.write(
      `\nbaseline  ${baseline}\ncandidate ${candidate}\nset: ${n} apps, ${base.objects} objects (candidate ${cand.objects}); findings ${base.findings} vs ${cand.findings}; ` +
        `${base.texts} ConfigMap/env texts (${base.distinctTexts} distinct, ${(base.textChars / 1024).toFixed(0)} KiB); built-in hits ${base.hits} vs ${cand.hits}\n` +
        `${pairs} interleaved pairs, ${reps} repetitions per process (median); ratio = baseline ms / candidate ms (> 1: candidate faster)\n\n`,
    );
    const rows = (Object.keys(METRICS) as Metric[]).map((metric) => {
      const f = METRICS[metric];
      const ratios = samples.map((s) => f(s.base) / f(s.cand));
      return [
        metric,
        formatMs(median(samples.map((s) => f(s.base)))),
        formatMs(median(samples.map((s) => f(s.cand)))),
        `${formatRatio(median(ratios))} (p25–p75 ${formatRatio(quantile(ratios, 0.25))}–${formatRatio(quantile(ratios, 0.75))})`,
      ];
    });
    const header = ['metric (median)', 'baseline', 'candidate', 'throughput ratio candidate/baseline'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    return 0;
  } finally {
    removeTemp(bench);
  }
}

runMain(main);
