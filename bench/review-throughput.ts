import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bench } from './env';
import { CLI, EXAMPLE_CERT, ROOT } from './env';
import type { Row, SectionResult } from './report';
import { failureText, runTimed } from './proc';
import { formatCount, formatMs, formatRatio, growthExponent, interleave, median, pairedRatios, spreadOf, sum } from './stats';

const TITLE = '3. Review throughput: vibe review over the synthesized apps';
/** vibe review (in-process, and the CLI end to end) against js-yaml reading and parsing the same files. */
const PARSE_FLOOR_TARGET = 2;
/** vibe review of one app (the golden Inventory Checker) against node -e 0. */
const ONE_APP_TARGET = 2.5;
const ONE_APP_OBJECTS_NOTE = 'the synthesized Inventory Checker, the checks, the report';
/** Interleaved rounds at the size the targets are for, outside --quick. */
const PAIRS = 11;
/**
 * Exponents at or above this count as "quadratic" for the target (1 is linear, 2 quadratic). Not
 * 1.5: even a pass that is linear by construction measures 1.1–1.45 between 100 and 500 apps on
 * a busy 2-core machine (bigger heap, CPU caches), and the control row shows this run's value.
 */
const QUADRATIC_EXPONENT = 1.6;
/**
 * Items faster than this at the larger size get no growth verdict: on a busy machine the time
 * of a check of a few milliseconds over 12,000 objects moves 3–4× between runs (CPU caches shared
 * with other processes, JIT state), which is enough to fake or hide a quadratic exponent. Their
 * exponents are still shown.
 */
const NOISE_MS = 20;
/** …and below this at the smaller size, where timer resolution and a single GC pause decide the ratio. */
const SMALL_NOISE_MS = 0.1;

interface Floor {
  /** Bytes per file name (01-network-policies.yaml …) over all apps. */
  readonly bytesByName: Readonly<Record<string, number>>;
  readonly files: number;
  readonly bytes: number;
  readonly documents: number;
  readonly readMs: number;
  readonly parseMs: number;
  /** js-yaml's bare loadAll: the parser loadManifests reads plain manifests with. */
  readonly fastParseMs: number;
  readonly cstMs: number;
  readonly runs: number;
}

interface ReviewRun {
  readonly objects: number;
  readonly checks: number;
  readonly loadMs: number;
  readonly reviewMs: number;
  readonly findings: number;
}

interface Item {
  readonly id: string;
  readonly kind: 'shared' | 'control' | 'check' | 'evaluator';
  /** Every sample, first pass and rounds: wall-clock and CPU time, ms. */
  readonly wall?: readonly number[];
  readonly cpuSamples?: readonly number[];
  readonly first?: number;
  /** Wall-clock median and fastest of the runs. */
  readonly median?: number;
  readonly min?: number;
  /** CPU-time median of the runs. */
  readonly cpu?: number;
  /**
   * CPU time of the fastest run: the growth verdict uses it, since neither other processes' load
   * nor a garbage collection that happened to fall into a run moves it.
   */
  readonly cpuMin?: number;
  readonly runs?: number;
  readonly results?: number | null;
  /** Stopped at the per-item time limit, or not run because it was stopped at a smaller size. */
  readonly timedOut?: 'here' | 'smaller';
}

interface SizeResult {
  readonly n: number;
  readonly objects: number;
  readonly floor?: Floor;
  readonly items: ReadonlyMap<string, Item>;
  readonly review: readonly ReviewRun[];
  /** The interleaved rounds: js-yaml's read + parse, review() in-process, the CLI (ms each). */
  readonly paired: ReadonlyMap<string, readonly number[]>;
  readonly excluded: readonly string[];
  readonly cli: readonly number[];
  readonly cliNote?: string;
  readonly errors: readonly string[];
}

/** The synthesized sets to review: the scale benchmark's outputs, or made here for --only review. */
async function ensureSets(bench: Bench, sizes: readonly number[], outputs: ReadonlyMap<number, string>): Promise<Map<number, string>> {
  const sets = new Map<number, string>();
  for (const n of sizes) {
    const existing = outputs.get(n);
    if (existing && fs.existsSync(existing)) {
      sets.set(n, existing);
      continue;
    }
    bench.log(`review: synthesizing N=${n} apps to review`);
    const out = path.join(bench.tmp, 'review-sets', `n${n}`);
    const run = await runTimed(process.execPath, [bench.childScript('scale-child'), '--n', String(n), '--out', out], { env: bench.env, timeoutMs: 600_000 });
    if (run.code !== 0) throw new Error(`synthesizing ${n} apps failed: ${failureText(run)}`);
    sets.set(n, out);
  }
  return sets;
}

function jsonLines<T>(stdout: string): T[] {
  return stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as T);
}

function itemOf(id: string, kind: Item['kind'], wall: readonly number[], cpu: readonly number[], results: number | null): Item {
  return { id, kind, wall, cpuSamples: cpu, first: wall[0], median: median(wall), min: Math.min(...wall), cpu: median(cpu), cpuMin: Math.min(...cpu), runs: wall.length, results };
}

/**
 * Times every item of the checks child at one size. A child stopped at the per-item limit is
 * started again (from a v8 snapshot of the manifests) after the item that stopped it.
 */
async function timeItems(bench: Bench, dir: string, n: number, stoppedSmaller: readonly Item[], limits: { itemMs: number; loadMs: number }) {
  const snapshot = path.join(bench.tmp, `manifests-n${n}.v8`);
  const items = new Map<string, Item>();
  for (const { id, kind } of stoppedSmaller) items.set(id, { id, kind, timedOut: 'smaller' });
  const exclude = new Set(stoppedSmaller.map((item) => item.id));
  const errors: string[] = [];
  let objects = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    let current: { id: string; kind: Item['kind'] } | undefined;
    let done = false;
    const skip = [...items.keys()].filter((id) => !exclude.has(id));
    const run = await runTimed(
      process.execPath,
      [
        // --expose-gc: each round of repetitions starts on a collected heap (see the checks child).
        '--expose-gc', bench.childScript('review-child'), '--mode', 'checks', '--dir', dir, '--snapshot', snapshot, '--cert', EXAMPLE_CERT,
        '--skip', skip.join(','), '--exclude', [...exclude].join(','),
        '--item-reps', '3', '--item-budget-ms', '50',
        '--rounds', bench.options.quick ? '3' : '6', '--rounds-budget-ms', bench.options.quick ? '3000' : '12000',
      ],
      {
        env: bench.env,
        timeoutMs: limits.loadMs,
        onLine: (line) => {
          if (!line.startsWith('{')) return;
          const message = JSON.parse(line) as { type: string; id: string; kind: Item['kind']; objects: number; message: string; wall: number[]; cpu: number[]; results: number | null };
          if (message.type === 'loaded') objects = message.objects;
          else if (message.type === 'start') current = { id: message.id, kind: message.kind };
          else if (message.type === 'item') {
            items.set(message.id, itemOf(message.id, message.kind, message.wall, message.cpu, message.results));
            current = undefined;
          } else if (message.type === 'more') {
            const known = items.get(message.id);
            if (known) items.set(message.id, itemOf(known.id, known.kind, [...(known.wall ?? []), ...message.wall], [...(known.cpuSamples ?? []), ...message.cpu], known.results ?? null));
          } else if (message.type === 'done') done = true;
          else if (message.type === 'error') errors.push(message.message.split('\n')[0]);
          return limits.itemMs;
        },
      },
    );
    if (done) break;
    if (run.timedOut && current) {
      bench.log(`review: N=${n}: ${current.id} did not finish in ${formatMs(limits.itemMs)}; going on without it`);
      items.set(current.id, { id: current.id, kind: current.kind, timedOut: 'here' });
      exclude.add(current.id);
      continue;
    }
    errors.push(`checks child: ${failureText(run)}`);
    break;
  }
  return { items, objects, errors };
}

/** CPU time of an item for growth: its median, or the wall-clock limit (a lower bound) when stopped. */
function timeOf(item: Item | undefined, limitMs: number, firstOnly: boolean): { ms: number; bound: boolean } | undefined {
  if (!item) return undefined;
  if (item.timedOut) return { ms: limitMs, bound: true };
  if (firstOnly) return item.cpuSamples?.length ? { ms: item.cpuSamples[0], bound: false } : undefined;
  return item.cpuMin === undefined ? undefined : { ms: item.cpuMin, bound: false };
}

interface Growth {
  readonly id: string;
  readonly kind: Item['kind'];
  readonly times: readonly (string | undefined)[];
  readonly factor?: string;
  /** log(time ratio) / log(object ratio). */
  readonly exponent?: number;

  /** The exponent is a lower bound (the larger size hit the limit). */
  readonly atLeast: boolean;
  readonly verdict: string;
  readonly quadratic: boolean;
  readonly largestMs: number;
}

/** The linear reference item of the checks child (bench/children/review-child.ts). */
const CONTROL_ID = 'control: linear pass (role of every workload)';

/** The control's exponent between two sizes (undefined when it is missing). */
function controlExponent(results: readonly SizeResult[], small: number, large: number): number | undefined {
  const s = results[small].items.get(CONTROL_ID)?.cpuMin;
  const l = results[large].items.get(CONTROL_ID)?.cpuMin;
  if (!s || !l) return undefined;
  return growthExponent(s, l, results[small].objects, results[large].objects);
}

function growthOf(id: string, results: readonly SizeResult[], limitMs: number): Growth {
  const items = results.map((r) => r.items.get(id));
  const kind = items.find((i) => i)?.kind ?? 'check';
  const times = items.map((item) => {
    if (!item) return undefined;
    if (item.timedOut === 'here') return `> ${formatMs(limitMs)}`;
    if (item.timedOut === 'smaller') return 'not run';
    return formatMs(item.cpuMin);
  });
  // The pair for the verdict: the two largest sizes where the smaller one finished.
  let verdictPair: [number, number] | undefined;
  for (let large = results.length - 1; large >= 1 && !verdictPair; large--) {
    const small = large - 1;
    const s = items[small];
    const l = items[large];
    if (s && !s.timedOut && l && l.timedOut !== 'smaller') verdictPair = [small, large];
  }
  const largest = items[items.length - 1];
  const largestMs = largest?.timedOut ? limitMs : largest?.cpuMin ?? 0;
  if (!verdictPair) return { id, kind, times, atLeast: false, verdict: 'no pair of sizes finished', quadratic: false, largestMs };
  const [si, li] = verdictPair;
  // Like with like: an item run once at one size (over the repeat cap) is compared on its first runs.
  const firstOnly = [items[si], items[li]].some((item) => item !== undefined && !item.timedOut && (item.runs ?? 0) <= 1);
  const small = timeOf(items[si], limitMs, firstOnly)!;
  const large = timeOf(items[li], limitMs, firstOnly)!;
  const exponent = growthExponent(small.ms, large.ms, results[si].objects, results[li].objects);
  const factor = `${large.bound ? '> ' : ''}${formatRatio(large.ms / small.ms)} (N=${results[si].n}→${results[li].n})`;
  if (kind === 'shared') {
    // Cached on the context, so measured once per size: one sample is no ground for a verdict
    // (the network model's build is judged as "evaluator: NetworkModel.fromManifests").
    return { id, kind, times, factor, exponent, atLeast: large.bound, verdict: 'measured once (no verdict)', quadratic: false, largestMs };
  }
  if ((!large.bound && large.ms < NOISE_MS) || small.ms < SMALL_NOISE_MS) {
    return { id, kind, times, factor, exponent, atLeast: false, verdict: `too fast to judge (< ${formatMs(NOISE_MS)})`, quadratic: false, largestMs };
  }
  const k = exponent ?? 0;
  const verdict = k >= 2.5 ? 'worse than quadratic' : k >= QUADRATIC_EXPONENT ? 'quadratic' : k >= 1.3 ? 'superlinear (caches, GC?)' : 'linear';
  return { id, kind, times, factor, exponent, atLeast: large.bound, verdict: `${large.bound ? 'at least ' : ''}${verdict}`, quadratic: k >= QUADRATIC_EXPONENT, largestMs };
}

/** `11-metrics-exporters.yaml 35%, 08-app.yaml 16%, …`: where the bytes are. */
function heaviestFiles(floor: Floor): string {
  const total = sum(Object.values(floor.bytesByName));
  return Object.entries(floor.bytesByName)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${Math.round((100 * bytes) / total)}% of the bytes`)
    .join(', ');
}

function controlText(results: readonly SizeResult[]): string {
  const k = results.length >= 2 ? controlExponent(results, results.length - 2, results.length - 1) : undefined;
  return k === undefined ? 'growth (not measured)' : `n^${k.toFixed(1)}`;
}

export async function reviewThroughput(bench: Bench, outputs: ReadonlyMap<number, string>): Promise<SectionResult> {
  const quick = bench.options.quick;
  const sizes = quick ? [10, 100] : [10, 100, 500];
  const limits = { itemMs: quick ? 5_000 : 10_000, loadMs: 300_000 };
  const sets = await ensureSets(bench, sizes, outputs);
  const results: SizeResult[] = [];
  let stoppedBefore: Item[] = [];
  // The targets are for the largest set (500 apps; 100 with --quick); smaller sets are context.
  const targetN = sizes[sizes.length - 1];

  for (const n of sizes) {
    const dir = sets.get(n)!;
    const errors: string[] = [];

    const hurried = bench.hurry();
    const reps = quick || hurried ? '2' : '5';
    const minReps = quick || hurried ? '1' : '2';
    bench.log(`review: N=${n}: parse floors (yaml, its CST, js-yaml)${hurried ? ' (past the soft time budget: minimum repetitions)' : ''}`);
    const floorRun = await runTimed(
      process.execPath,
      [bench.childScript('review-child'), '--mode', 'floor', '--dir', dir, '--min-reps', minReps, '--reps', reps, '--budget-ms', quick ? '1000' : '4000'],
      { env: bench.env, timeoutMs: 300_000 },
    );
    const floors = jsonLines<Floor & { type: string }>(floorRun.stdout).filter((l) => l.type === 'floor');
    if (floors.length === 0) errors.push(`parse floor: ${failureText(floorRun)}`);
    const floor: Floor | undefined = floors.length
      ? { ...floors[0], readMs: median(floors.map((f) => f.readMs)), parseMs: median(floors.map((f) => f.parseMs)), fastParseMs: median(floors.map((f) => f.fastParseMs)), cstMs: floors[0].cstMs, runs: floors.length }
      : undefined;

    bench.log(`review: N=${n}: each check on its own`);
    const timed = await timeItems(bench, dir, n, stoppedBefore, limits);
    errors.push(...timed.errors);
    // Whatever stopped at this size is not tried again at a larger one.
    stoppedBefore = [...timed.items.values()].filter((i) => i.timedOut);
    const excludedChecks = stoppedBefore.filter((i) => i.kind === 'check').map((i) => i.id);

    // The review and its baseline, interleaved process for process (js-yaml, review, CLI, js-yaml,
    // …): each child repeats its work twice in-process and reports the faster (warm) pass.
    const pairs = n === targetN ? (quick ? 3 : PAIRS) : quick ? 1 : 3;
    const review: ReviewRun[] = [];
    const childRun = async <T extends { type: string }>(type: string, args: readonly string[]): Promise<T[] | undefined> => {
      const run = await runTimed(process.execPath, [bench.childScript('review-child'), ...args, '--dir', dir, '--min-reps', '2', '--reps', '2', '--budget-ms', '0'], {
        env: bench.env,
        timeoutMs: 300_000,
      });
      const lines = jsonLines<T>(run.stdout).filter((l) => l.type === type);
      if (run.code !== 0 || lines.length === 0) {
        errors.push(`${type} child: ${failureText(run)}`);
        return undefined;
      }
      return lines;
    };
    const cliNote =
      excludedChecks.length === 0 ? undefined : `not run: ${excludedChecks.join(', ')} did not finish in ${formatMs(limits.itemMs)} in-process, so the CLI cannot either`;
    bench.log(`review: N=${n}: ${pairs} interleaved rounds of js-yaml's parse, review() in-process${cliNote ? '' : ' and vibe review (CLI)'}`);
    const paired = await interleave(
      [
        {
          key: 'js-yaml',
          min: pairs,
          max: pairs,
          run: async () => {
            const lines = await childRun<Floor & { type: string }>('floor', ['--mode', 'floor', '--fast-only']);
            return lines ? Math.min(...lines.map((l) => l.readMs + l.fastParseMs)) : undefined;
          },
        },
        {
          key: 'review',
          min: pairs,
          max: pairs,
          run: async () => {
            const lines = await childRun<ReviewRun & { type: string }>('review', ['--mode', 'review', '--cert', EXAMPLE_CERT, '--exclude', excludedChecks.join(',')]);
            if (!lines) return undefined;
            const best = lines.reduce((a, b) => (b.loadMs + b.reviewMs < a.loadMs + a.reviewMs ? b : a));
            review.push(best);
            return best.loadMs + best.reviewMs;
          },
        },
        ...(cliNote
          ? []
          : [
            {
              key: 'cli',
              min: pairs,
              max: pairs,
              run: async () => {
                const run = await runTimed(process.execPath, [CLI, 'review', dir, '--cert', EXAMPLE_CERT], { env: bench.env, timeoutMs: 300_000, keepStdout: 4096 });
                // Exit 1 is "CRITICAL findings" (unsealed credentials in these sets): a finished review.
                if (run.timedOut || (run.code !== 0 && run.code !== 1)) {
                  errors.push(`vibe review: ${failureText(run)}`);
                  return undefined;
                }
                return run.ms;
              },
            },
          ]),
      ],
      0,
    );
    const cli = paired.get('cli') ?? [];
    results.push({ n, objects: timed.objects || review[0]?.objects || 0, floor, items: timed.items, review, paired, excluded: excludedChecks, cli, cliNote, errors });
  }

  // ---- rows
  const rows: Row[] = [];
  const withTarget = (r: SizeResult, target: string, met: boolean) => (r.n === targetN ? { target, met } : {});
  for (const r of results) {
    const label = `N=${r.n} (${formatCount(r.objects)} objects${r.floor ? `, ${(r.floor.bytes / 1024 / 1024).toFixed(1)} MB in ${formatCount(r.floor.files)} files` : ''})`;
    const floorMs = r.floor?.parseMs;
    const perSecond = (ms: number | undefined) => (ms ? (1000 * r.objects) / ms : undefined);
    const floorRate = perSecond(floorMs);
    rows.push({
      section: TITLE,
      name: `${label}: yaml parseAllDocuments, the parse floor`,
      value: `${formatCount(floorRate)} objects/s`,
      runs: r.floor?.runs,
      note: r.floor
        ? `${formatMs(floorMs)}; yaml's CST alone (Parser + LineCounter) ${formatMs(r.floor.cstMs)}; reading the files ${formatMs(r.floor.readMs)}; js-yaml's loadAll ${formatMs(r.floor.fastParseMs)} (${formatRatio(r.floor.parseMs / r.floor.fastParseMs)} faster)`
        : undefined,
    });
    const loadMs = median(r.review.map((x) => x.loadMs));
    const reviewMs = median(r.review.map((x) => x.reviewMs));
    const stoppedMs = r.excluded.length * limits.itemMs;
    const complete = r.excluded.length === 0;
    const total = loadMs + reviewMs + stoppedMs;
    const jsYamlSamples = r.paired.get('js-yaml');
    const jsYamlMs = median(jsYamlSamples ?? []);
    rows.push({
      section: TITLE,
      name: `${label}: loadManifests (parse, positions, toJS)`,
      value: `${formatCount(perSecond(loadMs))} objects/s`,
      runs: r.review.length,
      baseline: `parse floor: ${formatMs(floorMs)}`,
      ratio: floorMs ? formatRatio(loadMs / floorMs) : undefined,
      note: formatMs(loadMs),
    });
    const bound = complete ? '' : '< ';
    const over = complete ? '' : '> ';
    const stoppedText = r.excluded
      .map((id) => `${id} did not finish in ${formatMs(limits.itemMs)}${r.items.get(id)?.timedOut === 'smaller' ? ' at a smaller N (not run again here)' : ''}`)
      .join('; ');
    const why = complete ? undefined : `${stoppedText}: the bound counts ${formatMs(limits.itemMs)} for each`;
    rows.push({
      section: TITLE,
      name: `${label}: js-yaml reading and parsing the same files (the baseline: the parser the review reads with, nothing else)`,
      value: formatMs(jsYamlMs),
      spread: spreadOf(jsYamlSamples),
      runs: jsYamlSamples?.length ?? 0,
      note: `${formatCount(perSecond(jsYamlMs))} objects/s`,
    });
    rows.push({
      section: TITLE,
      name: `${label}: review in-process (loadManifests + review(), ${r.review[0]?.checks ?? '?'}${complete ? '' : `+${r.excluded.length}`} checks)`,
      value: `${over}${formatMs(total)}`,
      spread: spreadOf(r.paired.get('review')),
      runs: r.review.length,
      baseline: `js-yaml: ${formatMs(jsYamlMs)}`,
      ratio: jsYamlMs ? `${over}${formatRatio(total / jsYamlMs)}` : undefined,
      ...withTarget(r, `≤ ${PARSE_FLOOR_TARGET}× js-yaml's parse`, complete && jsYamlMs > 0 && total / jsYamlMs <= PARSE_FLOOR_TARGET),
      note:
        `${bound}${formatCount(perSecond(total))} objects/s; loadManifests ${formatMs(loadMs)} + review() ${formatMs(reviewMs)}${complete ? '' : ` (without ${r.excluded.join(', ')})`}: ` +
        `parsing is ${Math.round((100 * loadMs) / (loadMs + reviewMs))}% of the measured time; paired ratios p25–p75 ${spreadOf(pairedRatios(r.paired.get('review'), jsYamlSamples), formatRatio) ?? '—'}` +
        (floorMs ? `; against yaml's parseAllDocuments (${formatMs(floorMs)}) ${formatRatio(total / floorMs)}` : '') +
        (why ? `; ${why}` : ''),
    });
    if (r.cli.length > 0 || r.cliNote) {
      const cliMs = median(r.cli);
      rows.push({
        section: TITLE,
        name: `${label}: vibe review (CLI, end to end)`,
        value: r.cli.length ? formatMs(cliMs) : 'not run',
        spread: spreadOf(r.cli),
        runs: r.cli.length,
        baseline: `js-yaml: ${formatMs(jsYamlMs)}`,
        ratio: r.cli.length && jsYamlMs ? formatRatio(cliMs / jsYamlMs) : undefined,
        ...withTarget(r, `≤ ${PARSE_FLOOR_TARGET}× js-yaml's parse`, r.cli.length > 0 && jsYamlMs > 0 && cliMs / jsYamlMs <= PARSE_FLOOR_TARGET),
        ...(r.cli.length === 0 ? { failed: true } : {}),
        note: r.cli.length
          ? `${formatCount(perSecond(cliMs))} objects/s, node start, module loading, secretlint worker and report included; paired ratios p25–p75 ${spreadOf(pairedRatios(r.cli, jsYamlSamples), formatRatio) ?? '—'}`
          : r.cliNote,
      });
    }
  }

  // ---- one app, as a creator reviews it: the CLI against node's own start
  const oneApp = path.join(ROOT, 'test', 'golden', 'inventory-checker');
  const onePairs = quick ? 3 : PAIRS;
  bench.log(`review: one app: ${onePairs} interleaved pairs of node -e 0 and vibe review`);
  const oneErrors: string[] = [];
  const one = await interleave(
    [
      { key: 'floor', min: onePairs, max: onePairs, run: async () => (await runTimed(process.execPath, ['-e', '0'], { env: bench.env, timeoutMs: 30_000 })).ms },
      {
        key: 'cli',
        min: onePairs,
        max: onePairs,
        run: async () => {
          const run = await runTimed(process.execPath, [CLI, 'review', oneApp], { env: bench.env, timeoutMs: 60_000, keepStdout: 4096 });
          if (run.code === 0) return run.ms;
          oneErrors.push(`vibe review ${path.relative(ROOT, oneApp)}: ${failureText(run)}`);
          return undefined;
        },
      },
    ],
    0,
  );
  const oneFloor = median(one.get('floor') ?? []);
  const oneCli = median(one.get('cli') ?? []);
  rows.push(
    { section: TITLE, name: 'one app: node -e 0 (the floor)', value: formatMs(oneFloor), spread: spreadOf(one.get('floor')), runs: one.get('floor')?.length ?? 0 },
    {
      section: TITLE,
      name: `one app: vibe review ${path.relative(ROOT, oneApp)} (CLI, ${ONE_APP_OBJECTS_NOTE})`,
      value: formatMs(oneCli),
      spread: spreadOf(one.get('cli')),
      runs: one.get('cli')?.length ?? 0,
      baseline: `node -e 0: ${formatMs(oneFloor)}`,
      ratio: formatRatio(oneCli / oneFloor),
      target: `≤ ${ONE_APP_TARGET}× node -e 0`,
      met: oneCli / oneFloor <= ONE_APP_TARGET,
      note: `paired ratios p25–p75 ${spreadOf(pairedRatios(one.get('cli'), one.get('floor')), formatRatio) ?? '—'}${oneErrors.length ? `; failed runs: ${oneErrors[0]}` : ''}`,
    },
  );

  // ---- growth of each check
  const ids = [...new Set(results.flatMap((r) => [...r.items.keys()]))];
  const growths = ids.map((id) => growthOf(id, results, limits.itemMs));
  const quadratic = growths.filter((g) => g.quadratic && g.kind !== 'control').sort((a, b) => b.largestMs - a.largestMs);
  const [smallN, largeN] = sizes.slice(-2);
  rows.push({
    section: TITLE,
    name: `no check or evaluator step grows quadratically (N=${smallN} → N=${largeN}, each timed alone)`,
    value: quadratic.length ? `${quadratic.length} grow${quadratic.length === 1 ? 's' : ''} faster than n^${QUADRATIC_EXPONENT}` : 'none',
    baseline: `same check at N=${smallN}`,
    ratio: quadratic[0] ? `${quadratic[0].id}: ${quadratic[0].factor}` : undefined,
    target: `no exponent ≥ ${QUADRATIC_EXPONENT} (1 = linear, 2 = quadratic)`,
    met: quadratic.length === 0,
    note:
      (quadratic.length ? `${quadratic.map((g) => `${g.id} (${g.atLeast ? '≥ ' : ''}n^${g.exponent?.toFixed(1)})`).join(', ')}; ` : '') +
      `a linear control pass measured ${controlText(results)}`,
  });

  // ---- causes
  const causes: string[] = [];
  const last = results[results.length - 1];
  const lastLoad = median(last.review.map((x) => x.loadMs));
  const lastReview = median(last.review.map((x) => x.reviewMs));
  causes.push(
    `At N=${last.n} (${formatCount(last.objects)} objects), reading the manifests (loadManifests) takes ${formatMs(lastLoad)} and the checks ` +
      `${formatMs(lastReview)}${last.excluded.length ? ` without ${last.excluded.join(', ')}, which did not finish in ${formatMs(limits.itemMs)}` : ''}: ` +
      `YAML parsing is ${Math.round((100 * lastLoad) / (lastLoad + lastReview))}% of the measured review time. ` +
      (last.floor
        ? `The bare yaml parse (parseAllDocuments) runs at ${formatCount((1000 * last.objects) / last.floor.parseMs)} objects/s ` +
          `(${((last.floor.bytes / 1024 / 1024) / (last.floor.parseMs / 1000)).toFixed(1)} MB/s; the objects average ${formatCount(last.floor.bytes / last.objects)} bytes; ` +
          `by file: ${heaviestFiles(last.floor)}); yaml's CST with positions alone takes ${formatRatio(last.floor.cstMs / last.floor.parseMs)} of that, so no review built on ` +
          `yaml could come within ${PARSE_FLOOR_TARGET}× of js-yaml. js-yaml's bare loadAll runs at ${formatCount((1000 * last.objects) / last.floor.fastParseMs)} objects/s ` +
          `(${formatRatio(last.floor.parseMs / last.floor.fastParseMs)} faster). loadManifests therefore reads plain manifests with js-yaml in the kubectl dialect ` +
          '(plain scalars resolved by the very YAML 1.1 tags yaml uses) and hands anything unusual (aliases, merge keys, tags, errors, List kinds, deep nesting) to yaml, ' +
          'the reference; a differential test (test/manifests/fast-manifests.test.ts: goldens, fixtures, the corpus, random and damaged manifests) holds the two readers ' +
          `to the same objects and lines. loadManifests takes ${formatRatio(lastLoad / last.floor.fastParseMs)} js-yaml's bare parse (reading the files, positions, the dialect).`
        : ''),
    '',
  );
  const notRun = [...last.items.values()].filter((item) => item.timedOut === 'smaller').map((item) => item.id);
  const largestItems = [...last.items.values()]
    // The evaluator steps are not part of a review (the checks ask allows(), not flows()): they have their own paragraph.
    .filter((item) => item.kind !== 'control' && item.kind !== 'evaluator' && item.timedOut !== 'smaller')
    .map((item) => ({ item, ms: item.timedOut ? limits.itemMs : item.median ?? 0 }))
    .sort((a, b) => b.ms - a.ms);
  const allMs = sum(largestItems.map((x) => x.ms));
  causes.push(
    `Where review() time goes at N=${last.n}, wall-clock median, each item timed alone (the facts several checks share are computed once per review)` +
      `${notRun.length ? `, without ${notRun.join(', ')} (not run: it did not finish at a smaller N)` : ''}: ` +
      largestItems
        .slice(0, 8)
        .map(({ item, ms }) => `${item.id} ${item.timedOut ? `> ${formatMs(ms)}` : formatMs(ms)} (${Math.round((100 * ms) / allMs)}%)`)
        .join(', ') +
      '.',
    '',
  );
  causes.push(
    'An exponent is log(time ratio) / log(object ratio) between two sizes: 1 is linear, 2 quadratic; "≥" when the larger size hit the time limit, so the true growth is steeper. ' +
      `Even linear work costs more per object in a bigger set (CPU caches, GC, other processes on the shared caches): the control, a pass that is linear by construction ` +
      `(the role of every workload), measured ${controlText(results)} in this run; so an exponent counts as quadratic from ${QUADRATIC_EXPONENT}, not from 1.5, ` +
      `and an item under ${formatMs(NOISE_MS)} at the larger size gets no verdict (its time moves several-fold between runs on a busy machine).`,
    '',
  );
  const flows = growths.find((g) => g.id === 'evaluator: flows()');
  if (flows) {
    causes.push(
      `The policy evaluator: NetworkModel.fromManifests grows ${growths.find((g) => g.id === 'evaluator: NetworkModel.fromManifests')?.factor ?? '?'}; ` +
        `flows() grows ${flows.factor ?? '?'} (exponent ${flows.exponent?.toFixed(2) ?? '?'}, ${flows.verdict}): ` +
        'for each destination port it tries only the sources its admitting rules can select (pods indexed by namespace and labels; where a pod is not isolated for ' +
        'ingress, the sources whose egress is open and the pods whose egress rules may select it), so its work follows the flows it lists. ' +
        'The checks do not call flows() (they ask allows() for the pairs they need); vibe graph and the README picture do.',
      '',
    );
  }
  if (quadratic.length) {
    causes.push(
      `Quadratic or worse: ${quadratic.map((g) => `**${g.id}** (${g.factor}, exponent ${g.atLeast ? '≥ ' : ''}${g.exponent?.toFixed(2)})`).join('; ')}.`,
      '',
    );
  }
  causes.push(
    `Each check and shared step at every size, in CPU time of the process (all threads; the load of other processes does not change it), ` +
      `the fastest of its runs: up to 3 in a first pass, then one per round over all items (up to ${quick ? 3 : 6} rounds; items over 1 s are not repeated), ` +
      `so that a burst of load from other processes hits one run of an item, not all of them; the facts checks share are computed once before; ` +
      `limit ${formatMs(limits.itemMs)} wall-clock per item ("> limit"); "not run": stopped at a smaller N. Growth and exponent compare the two largest sizes where the smaller one finished:`,
    '',
    `| item | ${results.map((r) => `N=${r.n}`).join(' | ')} | growth | exponent | verdict |`,
    `|---|${results.map(() => '---:').join('|')}|---:|---:|---|`,
    ...growths
      .sort((a, b) => b.largestMs - a.largestMs)
      .map((g) => {
        const k = (x: number | undefined) => (x === undefined ? '—' : `${g.atLeast ? '≥ ' : ''}${x.toFixed(2)}`);
        return `| ${g.id} | ${g.times.map((t) => t ?? '—').join(' | ')} | ${g.factor ?? '—'} | ${k(g.exponent)} | ${g.verdict} |`;
      }),
  );
  const errors = results.flatMap((r) => r.errors.map((e) => `N=${r.n}: ${e}`));
  if (errors.length) causes.push('', `Errors: ${errors.slice(0, 6).join('; ')}`);

  return {
    title: TITLE,
    rows,
    causes,
    data: {
      limits,
      sizes: results.map((r) => ({ ...r, items: Object.fromEntries(r.items) })),
      growth: growths,
    },
  };
}
