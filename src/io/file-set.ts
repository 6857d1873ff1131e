import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncFolder, writeDurably, writeFileAtomically } from './durable-file';
import { withFileLock } from './file-lock';
import { describeFsError } from './fs-errors';
import { makeFolder } from './make-folder';
import { VibeInputError } from '../contract/errors';

/**
 * A set of files vibe-env owns inside a folder the user also owns (the numbered manifests and
 * their README in `k8s/`), replaced as one: after a crash at any point the folder holds the
 * old complete set or, once the next writer has rolled the journal forward, the new one.
 *
 * How: the new files are written and flushed into a hidden staging folder inside the target
 * (same filesystem, so renames are atomic); a journal naming what to install and what to remove
 * is then renamed into place — the commit point; then the files are renamed over the old ones.
 * A run that finds a journal finishes it first; a staging folder without a journal is an
 * interrupted run's and is removed. A record of what vibe-env wrote (`.vibe-files`) means only
 * those files are ever replaced or removed. A lock keeps two writers apart. The state files have
 * no .yaml/.json extension, so `kubectl apply -f k8s/` never reads them.
 */
export interface FileSetWrite {
  /** The folder; created when absent. */
  readonly folder: string;
  /** The flag that named it, for messages. Example: `out`. */
  readonly field: string;
  /** Every file of the new set, by name (no subfolders). */
  readonly files: ReadonlyMap<string, string>;
  /**
   * For a folder written before the record existed: is this file, which has this first text,
   * one vibe-env wrote? Files it says no to are never replaced or removed.
   */
  readonly writtenByVibe: (name: string, head: string) => boolean;
}

export const RECORD_FILE = '.vibe-files';
export const JOURNAL_FILE = '.vibe-journal';
export const LOCK_FILE = '.vibe-lock';
const STAGING_PREFIX = '.vibe-staging-';

interface Journal {
  readonly staging: string;
  readonly install: readonly string[];
  readonly remove: readonly string[];
}

/** Replaces the set; returns the paths written. Throws VibeInputError (exit 2) for every user-side failure. */
export function writeFileSet(write: FileSetWrite): string[] {
  const { folder, field } = write;
  prepareFolder(folder, field);
  return guarded(folder, () =>
    withFileLock(path.join(folder, LOCK_FILE), { what: `${folder}` }, () => {
      recoverFileSet(folder);
      const previous = ownedFiles(folder, write.writtenByVibe);
      refuseForeignFiles(write, previous);
      const remove = [...previous].filter((name) => !write.files.has(name) && fs.existsSync(path.join(folder, name)));
      const staging = stage(folder, write.files);
      try {
        const journal: Journal = { staging, install: [...write.files.keys(), RECORD_FILE], remove };
        writeFileAtomically(path.join(folder, JOURNAL_FILE), JSON.stringify(journal));
      } catch (error) {
        fs.rmSync(path.join(folder, staging), { recursive: true, force: true });
        throw error;
      }
      rollForward(folder);
      return [...write.files.keys()].map((name) => path.join(folder, name));
    }),
  );
}

/**
 * Finishes or undoes an interrupted write: a journal is rolled forward, staging folders and
 * temporary files without one are removed. Call it under the lock (writeFileSet does).
 */
export function recoverFileSet(folder: string): void {
  if (fs.existsSync(path.join(folder, JOURNAL_FILE))) rollForward(folder);
  for (const entry of fs.readdirSync(folder)) {
    if (entry.startsWith(STAGING_PREFIX) || LEFTOVER_TEMPORARY.test(entry)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
  }
}

/** An interrupted journal write (`..vibe-journal.<hex>.tmp`), or an older vibe-env's `<file>.<pid>.tmp`. */
const LEFTOVER_TEMPORARY = /^\.\.vibe-journal\.[0-9a-f]{12}\.tmp$|^(\d{2}-[a-z0-9-]+\.yaml|README\.md)\.\d+\.tmp$/;

function prepareFolder(folder: string, field: string): void {
  if (folder === '') throw VibeInputError.single(field, 'is empty; give the folder to write into. Example: --out k8s');
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw VibeInputError.single(field, `cannot be used: ${describeFsError(error) ?? String(error)}.`);
  }
  if (stat && !stat.isDirectory()) throw VibeInputError.single(field, `"${folder}" is a file, not a folder. Example: --out k8s`);
  if (!stat) {
    try {
      makeFolder(folder);
    } catch (error) {
      throw VibeInputError.single(field, `the folder cannot be created: ${describeFsError(error) ?? String(error)}. Example: --out k8s`);
    }
  }
}

/** User-side filesystem failures become one plain line that says the old set is untouched. */
function guarded<T>(folder: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    const reason = describeFsError(error);
    if (!reason) throw error;
    throw VibeInputError.single(folder, `cannot be written: ${reason}; the files already there are unchanged.`);
  }
}

/** The files vibe-env wrote here: the record, or for an older folder, those that look like its own. */
function ownedFiles(folder: string, writtenByVibe: FileSetWrite['writtenByVibe']): Set<string> {
  const record = path.join(folder, RECORD_FILE);
  if (fs.existsSync(record)) {
    try {
      const names = JSON.parse(fs.readFileSync(record, 'utf8')) as unknown;
      if (Array.isArray(names)) return new Set(names.filter((n): n is string => typeof n === 'string' && isPlainName(n)));
    } catch {
      // A damaged record: fall back to what the files say about themselves.
    }
  }
  const owned = new Set<string>();
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && writtenByVibe(entry.name, head(path.join(folder, entry.name)))) owned.add(entry.name);
  }
  return owned;
}

function head(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function isPlainName(name: string): boolean {
  return name !== '' && !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..';
}

function refuseForeignFiles(write: FileSetWrite, owned: ReadonlySet<string>): void {
  for (const name of write.files.keys()) {
    if (!isPlainName(name)) throw new TypeError(`writeFileSet: "${name}" is not a plain file name`);
    const target = path.join(write.folder, name);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(target);
    } catch {
      continue; // absent: nothing to protect
    }
    if (owned.has(name) && stat.isFile()) continue;
    const what = stat.isSymbolicLink() ? 'a symlink' : stat.isDirectory() ? 'a folder' : 'a file vibe-env did not write';
    throw VibeInputError.single(
      write.field,
      `"${target}" is ${what}; vibe-env writes its own ${name} there and never replaces yours. Move it away (or choose another folder) and run again; nothing was written.`,
    );
  }
}

/** Writes and flushes every file into a new staging folder; returns its name. Removes it on failure. */
function stage(folder: string, files: ReadonlyMap<string, string>): string {
  const staging = fs.mkdtempSync(path.join(folder, STAGING_PREFIX));
  try {
    for (const [name, text] of files) writeDurably(path.join(staging, name), text);
    writeDurably(path.join(staging, RECORD_FILE), `${JSON.stringify([...files.keys()].sort())}\n`);
    syncFolder(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return path.basename(staging);
}

/** Installs what the journal says; every step can be repeated, so a crash here is finished next time. */
function rollForward(folder: string): void {
  const journalFile = path.join(folder, JOURNAL_FILE);
  let journal: Journal;
  try {
    journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
  } catch {
    fs.rmSync(journalFile, { force: true }); // written atomically, so unreadable means not ours
    return;
  }
  if (!isPlainName(journal.staging) || !journal.staging.startsWith(STAGING_PREFIX)) {
    fs.rmSync(journalFile, { force: true });
    return;
  }
  const staging = path.join(folder, journal.staging);
  for (const name of journal.install.filter(isPlainName)) {
    const source = path.join(staging, name);
    if (fs.existsSync(source)) fs.renameSync(source, path.join(folder, name));
  }
  for (const name of journal.remove.filter(isPlainName)) fs.rmSync(path.join(folder, name), { force: true });
  syncFolder(folder);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(journalFile, { force: true });
  syncFolder(folder);
}
