import { createInterface } from 'node:readline/promises';
import { resolveInitAnswers, type InitAnswerFlags, type PromptedAnswer } from './answers';
import { INIT_COMPONENT_KEYS } from '../components/catalogue';
import { VibeInputError } from '../contract/errors';
import { DEFAULT_RUNTIME, RUNTIME_IMAGES, RUNTIMES } from '../contract/images';
import { DEFAULT_SIZE, SIZES } from '../contract/sizes';
import { readSealingKeyFile } from '../seal/certificate';

/** Where the questions are asked; the terminal unless a test passes its own streams. */
export interface PromptIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/** The answers a prompt fills in: the app's, and the certificate `--cert` would have given. */
export type PromptedFlags = InitAnswerFlags & { readonly cert?: string };

/** Which answers the flags left open (only those are asked). */
export function missingAnswers(flags: PromptedFlags): PromptedAnswer[] {
  const missing: PromptedAnswer[] = [];
  if (flags.slug === undefined) missing.push('slug');
  if (flags.name === undefined) missing.push('name');
  if (flags.runtime === undefined) missing.push('runtime');
  if (flags.size === undefined) missing.push('size');
  if (flags.components === undefined) missing.push('components');
  if (flags.nginx === undefined) missing.push('nginx');
  // The sidecar is a component (--components mgmtSidecar): asked with the components.
  if (flags.components === undefined) missing.push('sidecar');
  if (flags.ingress === undefined) missing.push('ingress');
  if (flags.cert === undefined) missing.push('cert');
  return missing;
}

/**
 * Asks for each missing answer in plain words, one line each; Enter keeps the default shown in
 * brackets. Each answer goes through the same validation as flags as soon as it is typed: a bad
 * one is explained and asked again. Yes/no questions take only yes or no. The input ending
 * (Ctrl-D) before the last answer aborts: nothing is written.
 */
export async function askMissingAnswers<T extends PromptedFlags>(flags: T, io: PromptIo): Promise<T & PromptedFlags> {
  const missing = missingAnswers(flags);
  if (missing.length === 0) return flags;
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string> => {
    io.output.write(question);
    const next = await lines.next();
    if (next.done) {
      io.output.write('\n');
      throw VibeInputError.single('vibe init', 'the input ended (Ctrl-D) before every question was answered, so nothing was written. Run vibe init again, or give the answers as flags (--yes takes the defaults).');
    }
    return String(next.value).trim();
  };
  const answers: { -readonly [K in keyof PromptedFlags]: PromptedFlags[K] } = { ...flags };
  /** Asks until the answer for `key` passes validation; `apply` stores the typed text. */
  const askChecked = async (key: PromptedAnswer, question: string, apply: (typed: string) => string | undefined): Promise<void> => {
    for (;;) {
      const refused = apply(await ask(question));
      const problems = refused === undefined ? problemsOf(answers, key) : [refused];
      if (problems.length === 0) return;
      for (const problem of problems) io.output.write(`  ${problem}\n`);
    }
  };
  try {
    io.output.write('A few questions about your app. Press Enter to keep the suggestion in [brackets].\n');
    for (const key of missing) {
      switch (key) {
        case 'slug':
          await askChecked(key, 'Short name for the app (lowercase letters, digits and dashes, e.g. inventory-checker): ', (typed) => {
            answers.slug = typed;
            return undefined;
          });
          break;
        case 'name': {
          const suggestion = titleCase(answers.slug ?? '');
          await askChecked(key, `Name people see on dashboards and reports [${suggestion}]: `, (typed) => {
            answers.name = typed || (suggestion === '' ? undefined : suggestion);
            return undefined;
          });
          break;
        }
        case 'runtime': {
          const menu = RUNTIMES.map((r, i) => `  ${i + 1}) ${RUNTIME_IMAGES[r].label} (${RUNTIME_IMAGES[r].language})`).join('\n');
          await askChecked(key, `What is the app written in?\n${menu}\nNumber or name [1: ${RUNTIME_IMAGES[DEFAULT_RUNTIME].label}]: `, (typed) => {
            const index = /^\d+$/.test(typed) ? Number(typed) - 1 : -1;
            answers.runtime = typed === '' ? DEFAULT_RUNTIME : RUNTIMES[index] ?? typed;
            return undefined;
          });
          break;
        }
        case 'size':
          await askChecked(key, `How much computer does it need? ${SIZES.join(', ')} (md fits most apps) [${DEFAULT_SIZE}]: `, (typed) => {
            answers.size = typed || DEFAULT_SIZE;
            return undefined;
          });
          break;
        case 'components':
          await askChecked(key, `Does it need a database or helpers? Any of ${INIT_COMPONENT_KEYS.join(', ')}, comma separated [none]: `, (typed) => {
            answers.components = typed || 'none';
            return undefined;
          });
          break;
        case 'nginx':
          await askChecked(key, 'Put the platform\'s nginx in front of the app (caching, limits, a single-page-app fallback)? [Y/n]: ', (typed) => {
            const yes = yesNo(typed, true);
            if (yes === undefined) return `got "${typed}"; answer yes or no (y or n; Enter keeps yes).`;
            answers.nginx = yes;
            return undefined;
          });
          break;
        case 'sidecar':
          await askChecked(key, 'Does the app answer the health checks itself (/liveness and /readiness on port 8082)? [Y/n]: ', (typed) => {
            const yes = yesNo(typed, true);
            if (yes === undefined) return `got "${typed}"; answer yes or no (y or n; Enter keeps yes).`;
            // No: a small sidecar answers them for it.
            if (!yes) answers.components = answers.components && answers.components !== 'none' ? `${answers.components}, mgmtSidecar` : 'mgmtSidecar';
            return undefined;
          });
          break;
        case 'ingress':
          await askChecked(key, 'Should people open it in their browser at its own https address? [Y/n]: ', (typed) => {
            const yes = yesNo(typed, true);
            if (yes === undefined) return `got "${typed}"; answer yes or no (y or n; Enter keeps yes).`;
            answers.ingress = yes;
            return undefined;
          });
          break;
        case 'cert':
          await askChecked(key, 'The cluster\'s certificate file from the platform team (sealed-secrets-cert.pem), to lock the passwords now [none: later]: ', (typed) => {
            if (typed === '' || /^none$/i.test(typed)) return undefined;
            try {
              readSealingKeyFile(typed, { field: 'certificate' });
            } catch (error) {
              if (!(error instanceof VibeInputError)) throw error;
              return error.problems.map((p) => p.message).join(' ');
            }
            answers.cert = typed;
            return undefined;
          });
          break;
      }
    }
    return answers as T;
  } finally {
    rl.close();
  }
}

/** yes/y → true, no/n → false, Enter → the default; anything else undefined (asked again). */
export function yesNo(typed: string, fallback: boolean): boolean | undefined {
  if (typed === '') return fallback;
  if (/^(y|yes)$/i.test(typed)) return true;
  if (/^(n|no)$/i.test(typed)) return false;
  return undefined;
}

/** The validation problems of one answer (the others may still be missing), as plain lines. */
function problemsOf(answers: InitAnswerFlags, key: PromptedAnswer): string[] {
  try {
    resolveInitAnswers(answers);
    return [];
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    const field = key === 'components' ? 'components' : key;
    return error.problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map((p) => `${p.field}: ${p.message}`);
  }
}

function titleCase(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
