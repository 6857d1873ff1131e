import type { LogLine, ReviewContext } from '../context';

/**
 * The log sample as the logging checks (G3, G5, G6) read it: lines grouped by source, each
 * non-empty line parsed once as JSON.
 */

/** A line's JSON object, `null` when the line is not one (plain text, an array, a number…). */
const parsed = new WeakMap<LogLine, Record<string, unknown> | null>();

export function jsonObjectOf(line: LogLine): Record<string, unknown> | null {
  const cached = parsed.get(line);
  if (cached !== undefined) return cached;
  let result: Record<string, unknown> | null = null;
  const text = line.text.trim();
  // Anything not starting with "{" is not an object: no need to ask JSON.parse.
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) result = value as Record<string, unknown>;
    } catch {
      result = null;
    }
  }
  parsed.set(line, result);
  return result;
}

export function isBlank(line: LogLine): boolean {
  return line.text.trim() === '';
}

const bySourceCache = new WeakMap<ReviewContext, ReadonlyMap<string, readonly LogLine[]>>();

/** Log lines by source, in input order; empty when no log sample was given. */
export function logsBySource(context: ReviewContext): ReadonlyMap<string, readonly LogLine[]> {
  const cached = bySourceCache.get(context);
  if (cached) return cached;
  const map = new Map<string, LogLine[]>();
  for (const line of context.inputs.logs ?? []) {
    const list = map.get(line.source);
    if (list) list.push(line);
    else map.set(line.source, [line]);
  }
  bySourceCache.set(context, map);
  return map;
}

/** `12,345`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `lines 3, 7, 9 and 12` or `lines 3, 7, 9, 12, 15, …` (the first few only). */
export function someLines(lines: readonly number[], max = 5): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  if (lines.length <= max) return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  return `lines ${lines.slice(0, max).join(', ')}, …`;
}

/**
 * G5's reading of the logging contract (`time` ISO 8601, `level`, `msg`). The names are exact:
 * Grafana's queries (`| json | level="error"`) and the dashboards read these keys, so an alias
 * (`timestamp`, `message`, `severity`, pino's numeric level) is reported with the rename to make
 * rather than accepted.
 */
export const REQUIRED_FIELDS = ['time', 'level', 'msg'] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

export const FIELD_ALIASES: Readonly<Record<RequiredField, readonly string[]>> = {
  time: ['timestamp', 'ts', '@timestamp', 'datetime', 'date', 'asctime'],
  level: ['severity', 'lvl', 'loglevel', 'log_level', 'levelname', 'level_name', '@level'],
  msg: ['message', '@message', 'text', 'event', 'log'],
};

/** ISO 8601 date and time, as `2026-01-01T10:00:00Z` or with an offset and fractions. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** What is wrong with one JSON line's contract fields, as short phrases (empty when fine). */
export function fieldProblems(json: Record<string, unknown>): { field: RequiredField; problem: string }[] {
  const problems: { field: RequiredField; problem: string }[] = [];
  for (const field of REQUIRED_FIELDS) {
    const value = json[field];
    if (value === undefined) {
      const alias = FIELD_ALIASES[field].find((a) => a in json);
      problems.push({ field, problem: alias ? `"${alias}" instead of "${field}"` : `no "${field}"` });
    } else if (field === 'time' && !(typeof value === 'string' && ISO_8601.test(value))) {
      problems.push({ field, problem: typeof value === 'number' ? '"time" as a number (epoch), not ISO 8601 text' : '"time" not in ISO 8601 (2026-01-01T10:00:00Z)' });
    } else if (field === 'level' && !(typeof value === 'string' && value.trim() !== '')) {
      problems.push({ field, problem: typeof value === 'number' ? '"level" as a number (pino\'s default), not a name like "info"' : '"level" not a name like "info"' });
    } else if (field === 'msg' && typeof value !== 'string') {
      problems.push({ field, problem: '"msg" not text' });
    }
  }
  return problems;
}
