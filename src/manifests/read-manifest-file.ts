import * as fs from 'node:fs';
import type { ManifestObject } from './manifest-object';
import { parseManifests } from './parse-manifests';
import { VibeInputError } from '../contract/errors';
import { decodeText } from '../io/text-decoding';

/** Far above any real manifest set; a bigger file is a wrong path or an attack, not a config. */
export const MAX_MANIFEST_FILE_BYTES = 16 * 1024 * 1024;

// eslint-disable-next-line no-bitwise -- open(2) flags are a bit set.
const READ_WITHOUT_BLOCKING = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/** Every object of one manifest file, or a `VibeInputError` naming the file (and line). */
export function readManifestFile(file: string, maxBytes: number): ManifestObject[] {
  return parseManifests(decode(readFile(file, maxBytes), file, maxBytes), file);
}

function readFile(file: string, maxBytes: number): Buffer {
  // One open and one fstat per file: statting by path first costs a second system call per file.
  // Non-blocking, so a named pipe is refused by the fstat below instead of waiting for a writer.
  let fd: number;
  try {
    fd = fs.openSync(file, READ_WITHOUT_BLOCKING);
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw VibeInputError.single(file, 'is not a regular file. Pass manifest files or folders.');
    if (stat.size > maxBytes) throw tooBig(file, stat.size, maxBytes);
    return fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    throw unreadable(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

export function decode(input: string | Buffer, file: string, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw tooBig(file, size, maxBytes);
  if (typeof input === 'string') return input;
  const text = decodeText(input);
  if (text === undefined) throw VibeInputError.single(file, 'is a binary file (it contains NUL bytes), not YAML or JSON. Pass the manifest files only.');
  return text;
}

function tooBig(file: string, size: number, maxBytes: number): VibeInputError {
  const mib = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  return VibeInputError.single(file, `is ${mib(size)}; a manifest file may be at most ${mib(maxBytes)}. Check the path points at manifests.`);
}

export function unreadable(file: string, error: unknown): VibeInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
  return VibeInputError.single(file, `${reason}. Pass existing manifest files or folders, e.g. k8s/`);
}
