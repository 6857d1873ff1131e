import { secretKeyProblem } from './sealed-secret-manifest';
import { VibeInputError } from '../contract/errors';

/** One value to seal, still in plaintext: it lives in memory only, never in a message. */
export interface PlaintextEntry {
  readonly key: string;
  readonly value: Buffer;
  /** Where it came from, for messages: `stdin line 3`, `--from-env DB_PASSWORD`. */
  readonly origin: string;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const EQUALS = 0x3d;
const HASH = 0x23;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Parses `KEY=VALUE` lines. The value is every byte after the first `=`, kept exactly (no quote
 * or escape processing, no trimming); a trailing CR is dropped so Windows files work. Blank lines
 * and lines starting with `#` are skipped. Problems name the line NUMBER only: a line that is
 * not KEY=VALUE may well be a pasted secret, so its content is never repeated.
 */
export function parseKeyValueLines(input: Buffer, sourceName = 'stdin'): PlaintextEntry[] {
  const text = input.subarray(0, 3).equals(UTF8_BOM) ? input.subarray(3) : input;
  const entries: PlaintextEntry[] = [];
  const lineOfKey = new Map<string, number>();
  let start = 0;
  for (let number = 1; start < text.length; number++) {
    const newline = text.indexOf(NEWLINE, start);
    const end = newline === -1 ? text.length : newline;
    let line = text.subarray(start, end);
    start = end + 1;
    if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
    if (isBlank(line) || line[0] === HASH) continue;

    const where = `line ${number}`;
    const equals = line.indexOf(EQUALS);
    if (equals === -1) {
      throw problem(sourceName, `${where} has no "=": every line must be KEY=VALUE (the line is not shown, it may hold a secret). Example: DATABASE_PASSWORD=s3cr3t`);
    }
    const key = line.subarray(0, equals).toString('latin1');
    const keyProblem = secretKeyProblem(key);
    if (keyProblem) {
      const hint = /\s/.test(key) ? ' (no spaces, no "export")' : '';
      throw problem(sourceName, `${where}: the name before the first "=" is not a valid Secret key: ${keyProblem}${hint}. Example: DATABASE_PASSWORD=s3cr3t`);
    }
    const value = line.subarray(equals + 1);
    if (value.length === 0) throw problem(sourceName, `${where} has nothing after "="; an empty value is not sealed. Example: DATABASE_PASSWORD=s3cr3t`);
    if (value.every((byte) => byte === EQUALS)) {
      throw problem(sourceName, `${where} looks like a base64 string without a KEY= in front (only "=" follows the first "="). Example: API_TOKEN=dGhpcyBpcyBub3QgcmVhbA==`);
    }
    const earlier = lineOfKey.get(key);
    if (earlier !== undefined) throw problem(sourceName, `${where} sets the same key as line ${earlier}; give each key once.`);
    lineOfKey.set(key, number);
    entries.push({ key, value, origin: `${sourceName} ${where}` });
  }
  return entries;
}

function isBlank(line: Buffer): boolean {
  return line.every((byte) => byte === 0x20 || byte === 0x09);
}

function problem(field: string, message: string): VibeInputError {
  return VibeInputError.single(field, message);
}
