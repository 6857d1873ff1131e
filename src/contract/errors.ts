import type { z } from 'zod';
import { printable } from '../io/printable';
import { credentialFormatIn } from '../review/secrets/detector';

/** One thing wrong with the creator's input, in words a non-engineer can act on. */
export interface InputProblem {
  /** Dotted path of the field, as written in the input (`image.tag`, `app.image.tag`). */
  readonly field: string;
  /** What the problem is, what is allowed and an example. */
  readonly message: string;
  /** `file:line` where the field was written, when the input came from a file. */
  readonly location?: string;
}

/**
 * Bad input from a creator or platform engineer. The CLI prints `message` (one line per
 * problem) and exits 2; it never prints a stack trace for this error.
 */
export class VibeInputError extends Error {
  static single(field: string, message: string, source?: string): VibeInputError {
    return new VibeInputError([{ field, message }], source);
  }

  public readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[], source?: string) {
    const where = source ? `${source}: ` : '';
    // One line per problem: a path or value with a newline or ESC in it is escaped, never printed raw.
    super(problems.map((p) => printable(`${p.location ? `${p.location}: ` : where}${p.field || '(top level)'}: ${p.message}`)).join('\n'));
    this.name = 'VibeInputError';
    this.problems = problems;
  }
}

/**
 * A readable rendering of any value a creator typed, for "got ..." in messages; a value in a
 * known credential format (or a URL with a password) is never repeated.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string' && credentialFormatIn(value)) return 'a value that looks like a credential (not shown)';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Levenshtein distance, small and good enough to suggest a field name for a typo. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export interface FormatOptions {
  /** Prefix for every field path (e.g. `app` when the schema parses `values.app`). */
  readonly pathPrefix?: readonly PropertyKey[];
  /** Known fields per object path, to suggest the right name for an unknown one. */
  readonly knownKeys?: (objectPath: string) => readonly string[];
  /** Renames a schema path into the path the user wrote (Helm values vs vibe.yaml). */
  readonly renamePath?: (path: string) => string;
  /** An example for a field, shown after the problem. */
  readonly example?: (path: string) => string | undefined;
}

/** What a field name looks like; anything else in a key position is not repeated in messages. */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_.$-]{0,62}$/;

function dotted(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/**
 * Turns zod issues into plain-language problems: the field, the value received, what is
 * allowed and an example. Messages written in the schemas already say what is allowed;
 * zod's generic ones are rewritten here.
 */
export function problemsFromZod(error: z.ZodError, input: unknown, options: FormatOptions = {}): InputProblem[] {
  const rename = options.renamePath ?? ((p: string) => p);
  const problems: InputProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    const field = rename(dotted([...(options.pathPrefix ?? []), ...path]));
    const received = valueAt(input, path);
    const example = options.example?.(dotted(path).replace(/\[\d+\]/g, '[]'));
    const withExample = (text: string) => (example ? `${text} Example: ${example}` : text);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = options.knownKeys?.(dotted(path)) ?? [];
        // A key that is no field name is the file's text (a wrong file: /etc/shadow's lines): counted, never shown.
        const unnamed = issue.keys.filter((key) => !FIELD_NAME.test(key));
        if (unnamed.length > 0) {
          const allowed = known.length ? ` Known fields here: ${known.join(', ')}.` : '';
          const keys = unnamed.length === 1 ? 'a key that is not a field name' : `${unnamed.length} keys that are not field names`;
          problems.push({ field: rename(dotted([...(options.pathPrefix ?? []), ...path])), message: `holds ${keys} (not shown; is this the right file?).${allowed}` });
        }
        for (const key of issue.keys.filter((k) => FIELD_NAME.test(k))) {
          const suggestion = closest(key, known);
          const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
          const allowed = known.length ? ` Known fields here: ${known.join(', ')}.` : '';
          problems.push({
            field: rename(dotted([...(options.pathPrefix ?? []), ...path, key])),
            message: `unknown field.${hint}${allowed}`,
          });
        }
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
        problems.push({ field, message: withExample(`got ${describeValue(received)}; allowed values are ${allowed}.`) });
        break;
      }
      case 'invalid_type': {
        const what = received === undefined ? 'is required but missing' : `got ${describeValue(received)}, expected ${article(issue.expected)}`;
        // A message written in the schema (not zod's generic one) says more than the type alone.
        const custom = received !== undefined && !issue.message.startsWith('Invalid input') ? `; ${issue.message}` : '.';
        problems.push({ field, message: withExample(`${what}${custom}`) });
        break;
      }
      case 'invalid_union': {
        // `enabled: maybe` against `true/false or a map`: say which shapes would have done.
        const shapes = [...new Set(issue.errors.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => article((i as { expected: string }).expected))))];
        if (shapes.length === issue.errors.length && shapes.length > 0) {
          problems.push({ field, message: withExample(`got ${describeValue(received)}, expected ${shapes.join(' or ')}.`) });
          break;
        }
        problems.push({ field, message: withExample(`got ${describeValue(received)}, which fits none of the allowed forms.`) });
        break;
      }
      case 'invalid_key': {
        // A bad key in a map (env names): report the key itself, not its value.
        const key = String(path[path.length - 1]);
        const inner = issue.issues.map((i) => i.message).join(' ');
        problems.push({ field, message: withExample(`the name "${key}" ${inner}`) });
        break;
      }
      default: {
        // Schema messages already say what is allowed; add what was received and an example.
        // A check that found a credential says so with `params.sensitive`: the value is not repeated.
        const sensitive = issue.code === 'custom' && (issue.params as { sensitive?: boolean } | undefined)?.sensitive === true;
        const got = sensitive || received === undefined || typeof received === 'object' ? '' : `got ${describeValue(received)} — `;
        problems.push({ field, message: withExample(`${got}${issue.message}`) });
      }
    }
  }
  return problems;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    object: 'a map of fields',
    array: 'a list',
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    record: 'a map of fields',
  };
  return words[expected] ?? expected;
}
