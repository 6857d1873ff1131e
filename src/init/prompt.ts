import { createInterface } from 'node:readline/promises';
import type { InitAnswerFlags, PromptedAnswer } from './answers';
import { DEFAULT_RUNTIME, RUNTIME_IMAGES, RUNTIMES } from '../contract/images';
import { DEFAULT_SIZE, SIZES } from '../contract/sizes';

/** Where the questions are asked; the terminal unless a test passes its own streams. */
export interface PromptIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/** Which answers the flags left open (only those are asked). */
export function missingAnswers(flags: InitAnswerFlags): PromptedAnswer[] {
  const missing: PromptedAnswer[] = [];
  if (flags.slug === undefined) missing.push('slug');
  if (flags.name === undefined) missing.push('name');
  if (flags.runtime === undefined) missing.push('runtime');
  if (flags.size === undefined) missing.push('size');
  if (flags.components === undefined) missing.push('components');
  if (flags.ingress === undefined) missing.push('ingress');
  return missing;
}

/**
 * Asks for each missing answer in plain words, one line each; Enter keeps the default shown in
 * brackets. Answers are not checked here: they go through the same validation as flags.
 */
export async function askMissingAnswers(flags: InitAnswerFlags, io: PromptIo): Promise<InitAnswerFlags> {
  const missing = missingAnswers(flags);
  if (missing.length === 0) return flags;
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string> => {
    io.output.write(question);
    const next = await lines.next();
    return next.done ? '' : String(next.value).trim();
  };
  try {
    const answers: { -readonly [K in keyof InitAnswerFlags]: InitAnswerFlags[K] } = { ...flags };
    io.output.write('A few questions about your app. Press Enter to keep the suggestion in [brackets].\n');
    for (const key of missing) {
      switch (key) {
        case 'slug':
          answers.slug = await ask('Short name for the app (lowercase letters, digits and dashes, e.g. inventory-checker): ');
          break;
        case 'name': {
          const suggestion = titleCase(answers.slug ?? '');
          const typed = await ask(`Name people see on dashboards and reports [${suggestion}]: `);
          answers.name = typed || (suggestion === '' ? undefined : suggestion);
          break;
        }
        case 'runtime': {
          const menu = RUNTIMES.map((r, i) => `  ${i + 1}) ${RUNTIME_IMAGES[r].label} (${RUNTIME_IMAGES[r].language})`).join('\n');
          const typed = await ask(`What is the app written in?\n${menu}\nNumber or name [1: ${RUNTIME_IMAGES[DEFAULT_RUNTIME].label}]: `);
          const index = /^\d+$/.test(typed) ? Number(typed) - 1 : -1;
          answers.runtime = typed === '' ? DEFAULT_RUNTIME : RUNTIMES[index] ?? typed;
          break;
        }
        case 'size': {
          const typed = await ask(`How much computer does it need? ${SIZES.join(', ')} (md fits most apps) [${DEFAULT_SIZE}]: `);
          answers.size = typed || DEFAULT_SIZE;
          break;
        }
        case 'components': {
          const typed = await ask('Does it need a database or helpers? Any of postgres, mongo, redis, rabbitmq, comma separated [none]: ');
          answers.components = typed || 'none';
          break;
        }
        case 'ingress': {
          const typed = await ask('Should people open it in their browser at its own https address? [Y/n]: ');
          answers.ingress = !/^n(o)?$/i.test(typed);
          break;
        }
      }
    }
    return answers;
  } finally {
    rl.close();
  }
}

function titleCase(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
