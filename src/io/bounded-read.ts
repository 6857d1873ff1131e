import * as fs from 'node:fs';
import { VibeInputError } from '../contract/errors';

// eslint-disable-next-line no-bitwise -- open(2) flags are a bit set.
const READ_WITHOUT_BLOCKING = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

export interface BoundedRead {
  /** The flag or field that named the file, for messages. Example: `--values`. */
  readonly field: string;
  readonly maxBytes: number;
  /** What the file should be, for messages. Example: `an answers file`. */
  readonly what: string;
  /** The sentence that ends every message: how to pass the right file. Example: `Example: --values vibe.yaml`. */
  readonly hint: string;
}

/**
 * Reads a regular file of at most `maxBytes`. Devices (`/dev/zero`), named pipes, sockets and
 * folders are refused instead of read forever or waited on; a file that reports no size
 * (`/proc/…`) or grows while read is still cut off at the limit. Never quotes the content.
 */
export function readBoundedFile(file: string, options: BoundedRead): Buffer {
  const { field, maxBytes, what, hint } = options;
  let fd: number;
  try {
    fd = fs.openSync(file, READ_WITHOUT_BLOCKING);
  } catch (error) {
    throw VibeInputError.single(field, `"${file}" ${reasonOf(error)}. ${hint}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw VibeInputError.single(field, `"${file}" is a folder; pass ${what}. ${hint}`);
    if (!stat.isFile()) throw VibeInputError.single(field, `"${file}" is not a regular file (a device, pipe or socket); pass ${what}. ${hint}`);
    const limit = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, limit, 0, Math.min(limit.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(limit.subarray(0, n)));
      total += n;
      if (total > maxBytes) throw VibeInputError.single(field, `"${file}" is larger than ${describeBytes(maxBytes)}, too big for ${what}. ${hint}`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    throw VibeInputError.single(field, `"${file}" ${reasonOf(error)}. ${hint}`);
  } finally {
    fs.closeSync(fd);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot be read (${code ?? 'unknown error'})`;
}

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
