/**
 * Small statistics and formatting helpers for the benchmark. Everything here is pure: the
 * sections measure, these summarise.
 */

/** The median of the samples (NaN for none). */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The q-quantile by linear interpolation between closest ranks (NaN for none). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function sum(samples: readonly number[]): number {
  return samples.reduce((total, x) => total + x, 0);
}

/**
 * The exponent k of t ∝ n^k between two sizes: 1 is linear, 2 quadratic. Undefined when either
 * time is not a positive number.
 */
export function growthExponent(smallTime: number, largeTime: number, smallSize: number, largeSize: number): number | undefined {
  if (!(smallTime > 0) || !(largeTime > 0) || largeSize <= smallSize) return undefined;
  return Math.log(largeTime / smallTime) / Math.log(largeSize / smallSize);
}

/** How a repeated measurement is bounded: never fewer than `min` runs, never more than `max`, and no new run after `budgetMs`. */
export interface RepeatBounds {
  readonly min: number;
  readonly max: number;
  readonly budgetMs: number;
}

/**
 * Runs `once` until the bounds say stop and returns its samples. `once` returns the sample (a
 * duration, usually); the loop's own time is what the budget counts.
 */
export async function repeat(bounds: RepeatBounds, once: (index: number) => Promise<number | undefined>): Promise<number[]> {
  const samples: number[] = [];
  const start = Date.now();
  for (let i = 0; i < bounds.max; i++) {
    if (i >= bounds.min && Date.now() - start >= bounds.budgetMs) break;
    const sample = await once(i);
    if (sample !== undefined) samples.push(sample);
  }
  return samples;
}

/** The synchronous twin of `repeat`, for in-process loops in the children. */
export function repeatSync(bounds: RepeatBounds, once: (index: number) => number): number[] {
  const samples: number[] = [];
  const start = Date.now();
  for (let i = 0; i < bounds.max; i++) {
    if (i >= bounds.min && Date.now() - start >= bounds.budgetMs) break;
    samples.push(once(i));
  }
  return samples;
}

/** `1,234 ms`, `12.3 ms`, `0.42 ms`, `12.4 s`. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** `12,345` with thousands separators, rounded. */
export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

/** `3.2×`, `0.41×`. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${ratio.toFixed(1)}×` : ratio >= 1 ? `${ratio.toFixed(2)}×` : `${ratio.toFixed(3)}×`;
}

/** `123 MiB` from kilobytes. */
export function formatMiB(kilobytes: number | undefined): string {
  if (kilobytes === undefined || !Number.isFinite(kilobytes)) return '—';
  return `${Math.round(kilobytes / 1024).toLocaleString('en-US')} MiB`;
}

/** A measured command of an interleaved comparison. */
export interface Subject {
  readonly key: string;
  /** Runs always made (unless a run fails), and the most ever made. */
  readonly min: number;
  readonly max: number;
  /** One run; its duration in ms, or undefined when it failed (not counted as a sample). */
  run(): Promise<number | undefined>;
}

/**
 * Runs the subjects round-robin (A B C A B C …) so that a machine that gets busier or quieter
 * affects each of them alike, until every subject has its minimum and the budget is spent, or
 * every subject has its maximum. A subject whose run fails stops being run.
 */
export async function interleave(subjects: readonly Subject[], budgetMs: number): Promise<Map<string, number[]>> {
  const samples = new Map(subjects.map((s) => [s.key, [] as number[]]));
  const failed = new Set<string>();
  const start = Date.now();
  for (let round = 0; ; round++) {
    const active = subjects.filter((s) => !failed.has(s.key) && round < s.max);
    if (active.length === 0) break;
    const minimumsMet = active.every((s) => round >= s.min);
    if (minimumsMet && Date.now() - start >= budgetMs) break;
    for (const subject of active) {
      if (round >= subject.min && Date.now() - start >= budgetMs) continue;
      const ms = await subject.run();
      if (ms === undefined) failed.add(subject.key);
      else samples.get(subject.key)!.push(ms);
    }
  }
  return samples;
}

/** The interquartile range of the samples, formatted (`123 ms–131 ms`); undefined for none. */
export function spreadOf(samples: readonly number[] | undefined, format: (value: number) => string = formatMs): string | undefined {
  if (!samples || samples.length === 0) return undefined;
  return `${format(quantile(samples, 0.25))}–${format(quantile(samples, 0.75))}`;
}

/**
 * The ratios of paired samples (a[i] ÷ b[i], both from the same round of an interleaved run), so
 * a ratio's spread shows how steady it was; undefined when there are no pairs.
 */
export function pairedRatios(a: readonly number[] | undefined, b: readonly number[] | undefined): number[] | undefined {
  if (!a || !b) return undefined;
  const n = Math.min(a.length, b.length);
  return n === 0 ? undefined : Array.from({ length: n }, (_, i) => a[i] / b[i]);
}
