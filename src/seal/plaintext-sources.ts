import { promptHiddenLines, type TerminalInput } from './hidden-prompt';
import { namingProblems } from './naming-problems';
import { parseKeyValueLines, type PlaintextEntry } from './plaintext-lines';
import { secretKeyProblem } from './sealed-secret-manifest';
import { VibeInputError } from '../contract/errors';

/** A Secret holds at most 1 MiB; more on stdin is the wrong input. */
export const MAX_STDIN_BYTES = 1024 * 1024;

export interface PlaintextSources {
  /** Names of environment variables to seal, each under its own name (`--from-env`). */
  readonly fromEnv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: TerminalInput & AsyncIterable<Buffer | string>;
  /** Where the prompt and its hints go (stderr), never stdout, which carries the output. */
  readonly promptOutput: NodeJS.WritableStream;
}

/**
 * Gathers the values to seal without them ever being an argument: from the environment
 * (`--from-env NAME`), from piped stdin (`KEY=VALUE` lines), or — on a terminal with nothing
 * else given — from a prompt that does not echo. Stdin is read when it is piped, or when it is
 * the only source; a terminal is left alone when `--from-env` already gives the values.
 */
export async function collectPlaintext(sources: PlaintextSources): Promise<PlaintextEntry[]> {
  const fromEnv = environmentEntries(sources.fromEnv, sources.env);
  let fromInput: PlaintextEntry[] = [];
  if (!sources.stdin.isTTY) fromInput = parseKeyValueLines(await readAll(sources.stdin), 'stdin');
  else if (fromEnv.length === 0) fromInput = parseKeyValueLines(await promptHiddenLines(sources.stdin, sources.promptOutput), 'input');

  for (const entry of fromEnv) {
    const twin = fromInput.find((e) => e.key === entry.key);
    if (twin) throw VibeInputError.single('--from-env', `${entry.key} is also set by ${twin.origin}; give each key once.`);
  }
  const entries = [...fromInput, ...fromEnv];
  if (entries.length === 0) {
    throw VibeInputError.single(
      'stdin',
      'no KEY=VALUE lines to seal (the input was empty or only comments). Pipe KEY=VALUE lines in, or name environment variables. Example: vibe seal ... --from-env DATABASE_PASSWORD',
    );
  }
  return entries;
}

export function environmentEntries(names: readonly string[], env: PlaintextSources['env']): PlaintextEntry[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const keyProblem = secretKeyProblem(name);
    // Not repeated: a value pasted where the variable's name goes would land in CI logs.
    if (keyProblem) {
      throw VibeInputError.single(
        '--from-env',
        `got something that is not a variable name (${namingProblems(name)}; not repeated here, in case a secret was pasted: if so, change it, it is in your shell history). ` +
          `The variable's name becomes the Secret key, and ${keyProblem}. Example: --from-env DATABASE_PASSWORD`,
      );
    }
    if (seen.has(name)) throw VibeInputError.single('--from-env', `${name} is given twice; name each variable once.`);
    seen.add(name);
    const value = env[name];
    if (value === undefined) throw VibeInputError.single('--from-env', `the environment variable ${name} is not set. Set it first (without typing the value on the command line). Example: read -rs ${name} && export ${name}`);
    if (value === '') throw VibeInputError.single('--from-env', `the environment variable ${name} is empty; an empty value is not sealed.`);
    // The process sees the environment as text: bytes that are not UTF-8 already became U+FFFD and cannot be sealed as they were.
    if (value.includes('\uFFFD')) {
      throw VibeInputError.single('--from-env', `the environment variable ${name} is not UTF-8 text, so its bytes cannot be read exactly from the environment. Pipe it on stdin instead (KEY=VALUE, bytes kept as they are).`);
    }
    return { key: name, value: Buffer.from(value, 'utf8'), origin: `--from-env ${name}` };
  });
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > MAX_STDIN_BYTES) {
      for (const c of chunks) c.fill(0);
      throw VibeInputError.single('stdin', `is more than ${MAX_STDIN_BYTES} bytes; a Secret holds at most 1 MiB. Pipe only the KEY=VALUE lines to seal.`);
    }
    chunks.push(bytes);
  }
  const all = Buffer.concat(chunks);
  for (const c of chunks) c.fill(0);
  return all;
}
