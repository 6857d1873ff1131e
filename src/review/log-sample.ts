import type { LogLine } from './context';

/**
 * The log sample as the logging checks (G3, G5, G6) read it, gathered once by the ReviewContext:
 * lines grouped by source, in input order, and each line's JSON object (`null` when the line is
 * not one: plain text, an array, a number…).
 */
export class LogSample {
  public readonly bySource: ReadonlyMap<string, readonly LogLine[]>;
  private readonly objects = new Map<LogLine, Record<string, unknown> | null>();

  constructor(lines: readonly LogLine[]) {
    const bySource = new Map<string, LogLine[]>();
    for (const line of lines) {
      const list = bySource.get(line.source);
      if (list) list.push(line);
      else bySource.set(line.source, [line]);
      this.objects.set(line, parseJsonObject(line.text));
    }
    this.bySource = bySource;
  }

  /** The line's JSON object, `null` when it is not one. */
  jsonOf(line: LogLine): Record<string, unknown> | null {
    const found = this.objects.get(line);
    return found === undefined ? parseJsonObject(line.text) : found;
  }
}

/** A line's JSON object, `null` when the line is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  // Anything not starting with "{" is not an object: no need to ask JSON.parse.
  if (!trimmed.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
