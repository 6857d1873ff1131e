import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `text` to a new file and flushes it to the disk before returning. */
export function writeDurably(file: string, text: string | Buffer, mode = 0o644): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename or a removal) to the disk; best effort where unsupported. */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `.name.<random>.tmp` beside `file`: hidden, and never read by `kubectl apply -f` (not .yaml). */
export function temporaryBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Removes the temporary files a killed writer of `file` left beside it (`.name.<random>.tmp`).
 * Only for a caller that holds the file's lock: any such file then belongs to a writer that died
 * holding it, since a live one would still hold the lock.
 */
export function removeLeftoverTemporaries(file: string): void {
  const name = path.basename(file);
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = fs.readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length))) fs.rmSync(path.join(path.dirname(file), entry), { force: true });
  }
}

/**
 * Replaces a file in one step: write a temporary file next to it, flush it, rename it over the
 * file, flush the folder. A crash or a full disk leaves the old file intact; no temporary file
 * survives a failure. An existing file keeps its permissions; a symlink is followed so the link
 * itself survives.
 */
export function writeFileAtomically(file: string, text: string | Buffer, defaultMode = 0o644): void {
  let target = file;
  let mode = defaultMode;
  try {
    target = fs.realpathSync(file);
    mode = fs.statSync(target).mode % 0o1000; // the permission bits
  } catch {
    // The file does not exist yet: create it with the default mode.
  }
  const temporary = temporaryBeside(target);
  try {
    writeDurably(temporary, text, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(path.dirname(target));
}
