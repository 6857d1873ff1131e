import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bench } from './env';
import { REQUIRE_HOOK, ROOT } from './env';
import { runTimed, type RunOptions } from './proc';
import { median, sum } from './stats';

/** One module's first load, as bench/require-hook.js records it. */
interface LoadRecord {
  readonly file: string;
  readonly total: number;
  readonly self: number;
  readonly depth: number;
  readonly at: number;
}

interface ThreadProfile {
  readonly threadId: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly records: readonly LoadRecord[];
}

/** Median over the profiled runs of a command. */
export interface RequireProfile {
  readonly runs: number;
  /** Modules loaded on the main thread. */
  readonly modules: number;
  /** Time from process start to the hook (≈ node's own bootstrap), main thread. */
  readonly bootstrapMs: number;
  /** Time loading modules on the main thread (sum of the outermost loads). */
  readonly mainRequireMs: number;
  /** Time from process start to exit on the main thread, with the hook installed. */
  readonly endMs: number;
  /** Time loading modules in worker threads (the secretlint worker). */
  readonly workerRequireMs: number;
  readonly workerModules: number;
  /** Self time per package (or lib/ folder), main thread, largest first. */
  readonly byPackage: readonly { readonly name: string; readonly ms: number; readonly modules: number }[];
  /** Self time per package in worker threads, largest first. */
  readonly workerByPackage: readonly { readonly name: string; readonly ms: number; readonly modules: number }[];
  /** Inclusive time of the heaviest single modules (what loading them pulls in), main thread. */
  readonly heaviest: readonly { readonly file: string; readonly ms: number }[];
  /** Self time of the costliest single modules (compiling and running their own top level), main thread. */
  readonly costliest: readonly { readonly file: string; readonly ms: number }[];
}

/** `zod`, `@secretlint/core`, `vibe-env lib/review`, or a path relative to the repository. */
export function packageOf(file: string): string {
  const marker = '/node_modules/';
  const at = file.lastIndexOf(marker);
  if (at !== -1) {
    const rest = file.slice(at + marker.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const relative = path.relative(ROOT, file);
  if (relative.startsWith(`lib${path.sep}`)) return `vibe-env lib/${relative.split(path.sep)[1].replace(/\.js$/, '')}`;
  return relative;
}

function shortFile(file: string): string {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('node_modules/') ? relative.slice('node_modules/'.length) : relative;
}

function groupSelf(records: readonly LoadRecord[]): Map<string, { ms: number; modules: number }> {
  const groups = new Map<string, { ms: number; modules: number }>();
  for (const record of records) {
    const name = packageOf(record.file);
    const group = groups.get(name) ?? { ms: 0, modules: 0 };
    group.ms += record.self;
    group.modules++;
    groups.set(name, group);
  }
  return groups;
}

function medianGroups(runs: readonly Map<string, { ms: number; modules: number }>[]): { name: string; ms: number; modules: number }[] {
  const names = new Set(runs.flatMap((run) => [...run.keys()]));
  return [...names]
    .map((name) => ({
      name,
      ms: median(runs.map((run) => run.get(name)?.ms ?? 0)),
      modules: Math.max(...runs.map((run) => run.get(name)?.modules ?? 0)),
    }))
    .sort((a, b) => b.ms - a.ms);
}

/**
 * Runs `node -r bench/require-hook.js <args>` `runs` times and summarises where module loading
 * goes: per package (self time), the heaviest modules (inclusive), main thread and the
 * secretlint worker thread (a worker inherits the process's execArgv, so the hook runs there too).
 */
export async function profileRequires(bench: Bench, label: string, args: readonly string[], runs: number, options: Omit<RunOptions, 'env'> & { env?: NodeJS.ProcessEnv }): Promise<RequireProfile | undefined> {
  const mains: ThreadProfile[] = [];
  const workers: ThreadProfile[][] = [];
  for (let run = 0; run < runs; run++) {
    const out = path.join(bench.tmp, `require-${label}-${run}.json`);
    const result = await runTimed(process.execPath, ['-r', REQUIRE_HOOK, ...args], {
      ...options,
      env: { ...bench.env, ...options.env, VIBE_BENCH_REQUIRE_OUT: out },
    });
    if (result.code !== 0 || !fs.existsSync(out)) continue;
    mains.push(JSON.parse(fs.readFileSync(out, 'utf8')) as ThreadProfile);
    const workerFiles = fs.readdirSync(bench.tmp).filter((name) => name.startsWith(`${path.basename(out)}.`));
    workers.push(workerFiles.map((name) => JSON.parse(fs.readFileSync(path.join(bench.tmp, name), 'utf8')) as ThreadProfile));
  }
  if (mains.length === 0) return undefined;

  const outermost = (profile: ThreadProfile) => sum(profile.records.filter((r) => r.depth === 0).map((r) => r.total));
  const workerRecords = workers.map((threads) => threads.flatMap((t) => t.records));
  const heaviestRuns = mains.map((profile) => new Map(profile.records.map((r) => [r.file, r.total])));
  const selfRuns = mains.map((profile) => new Map(profile.records.map((r) => [r.file, r.self])));
  const costlyFiles = new Set(mains.flatMap((profile) => profile.records.filter((r) => r.self >= 2).map((r) => r.file)));
  const heavyFiles = new Set(mains.flatMap((profile) => profile.records.filter((r) => r.total >= 5).map((r) => r.file)));
  return {
    runs: mains.length,
    modules: median(mains.map((p) => p.records.length)),
    bootstrapMs: median(mains.map((p) => p.startedAt)),
    mainRequireMs: median(mains.map(outermost)),
    endMs: median(mains.map((p) => p.endedAt)),
    workerRequireMs: median(workers.map((threads) => sum(threads.map(outermost)))),
    workerModules: median(workerRecords.map((records) => records.length)),
    byPackage: medianGroups(mains.map((p) => groupSelf(p.records))),
    workerByPackage: medianGroups(workerRecords.map(groupSelf)),
    heaviest: [...heavyFiles]
      .map((file) => ({ file: shortFile(file), ms: median(heaviestRuns.map((run) => run.get(file) ?? 0)) }))
      .sort((a, b) => b.ms - a.ms),
    costliest: [...costlyFiles]
      .map((file) => ({ file: shortFile(file), ms: median(selfRuns.map((run) => run.get(file) ?? 0)) }))
      .sort((a, b) => b.ms - a.ms),
  };
}

/** Markdown lines: where module loading goes, for the causes section. */
export function profileLines(profile: RequireProfile, top = 10): string[] {
  const share = (ms: number) => `${Math.round((100 * ms) / profile.mainRequireMs)}%`;
  const lines = [
    `${profile.modules} modules on the main thread; loading them took ${profile.mainRequireMs.toFixed(0)} ms of ${profile.endMs.toFixed(0)} ms ` +
      `(node's own start before the first module: ${profile.bootstrapMs.toFixed(0)} ms; median of ${profile.runs} profiled runs, the hook adds a little to each load).`,
    '',
    '| package (main thread) | modules | self ms | share of require time |',
    '|---|---:|---:|---:|',
    ...profile.byPackage.slice(0, top).map((p) => `| ${p.name} | ${p.modules} | ${p.ms.toFixed(1)} | ${share(p.ms)} |`),
  ];
  if (profile.workerModules > 0) {
    lines.push(
      '',
      `Worker thread (secretlint, started when the command starts): ${profile.workerModules} modules, ${profile.workerRequireMs.toFixed(0)} ms of loading, ` +
        `in parallel with the main thread (the gate waits only for what is left of it): ` +
        profile.workerByPackage.slice(0, 4).map((p) => `${p.name} ${p.ms.toFixed(0)} ms`).join(', ') + '.',
    );
  }
  lines.push(
    '',
    `Costliest single modules (self time: compiling and running the module's own top level): ${profile.costliest.slice(0, 8).map((h) => `\`${h.file}\` ${h.ms.toFixed(0)} ms`).join(', ')}.`,
    '',
    `Heaviest single requires (inclusive: the module and everything it pulls in): ${profile.heaviest.slice(0, 8).map((h) => `\`${h.file}\` ${h.ms.toFixed(0)} ms`).join(', ')}.`,
  );
  return lines;
}
