import type { LogLine, ReviewContext } from '../context';

/** What the logging checks (G3, G5, G6) share: the log sample's facts (gathered by the context) and their words. */

/** A line's JSON object, `null` when the line is not one (plain text, an array, a number…); parsed once per review. */
export function jsonObjectOf(context: ReviewContext, line: LogLine): Record<string, unknown> | null {
  return context.logSample.jsonOf(line);
}

export function isBlank(line: LogLine): boolean {
  return line.text.trim() === '';
}

/** Log lines by source, in input order; empty when no log sample was given. */
export function logsBySource(context: ReviewContext): ReadonlyMap<string, readonly LogLine[]> {
  return context.logSample.bySource;
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
