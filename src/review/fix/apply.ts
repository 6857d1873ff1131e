import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FixPlan } from './plan';
import { VibeInputError } from '../../contract/errors';
import { syncFolder, writeFileAtomically } from '../../io/durable-file';
import { withFileLock } from '../../io/file-lock';
import { LOCK_FILE } from '../../io/file-set';
import { describeFsError } from '../../io/fs-errors';

/**
 * Writes a plan: each changed file completely and atomically (a crash leaves the old file or the
 * new one, never half), every new or changed file before any removal — so a plain Secret's file
 * is removed only once its SealedSecret is on the disk. Under the folders' lock (the one `vibe
 * synth` takes). A file that changed since the plan was made is refused before anything is written.
 * Returns the paths written and removed.
 */
export function applyFixes(plan: Pick<FixPlan, 'files'>): { written: string[]; removed: string[] } {
  const folders = [...new Set(plan.files.map((file) => path.resolve(path.dirname(file.path))))].sort();
  const work = () => {
    for (const file of plan.files) {
      const now = currentText(file.path);
      if (now !== file.before) {
        const what = file.before === null ? 'exists now, but did not when the fix was planned' : now === null ? 'was removed' : 'changed';
        throw VibeInputError.single(file.path, `${what} since the fix was planned; nothing was written. Run vibe review --fix again.`);
      }
    }
    const written: string[] = [];
    const removed: string[] = [];
    guarded(() => {
      for (const file of plan.files) {
        if (file.after === null) continue;
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        writeFileAtomically(file.path, file.after);
        written.push(file.path);
      }
      for (const file of plan.files) {
        if (file.after !== null) continue;
        fs.rmSync(file.path, { force: true });
        syncFolder(path.dirname(file.path));
        removed.push(file.path);
      }
    }, written);
    return { written, removed };
  };
  // One lock per folder, taken in name order so two writers never wait on each other.
  type Work = () => ReturnType<typeof work>;
  const locked = folders.reduceRight<Work>((inner, folder) => () => withFileLock(path.join(folder, LOCK_FILE), { what: folder }, inner), work);
  return locked();
}

function currentText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw VibeInputError.single(file, `cannot be read: ${describeFsError(error) ?? String(error)}.`);
  }
}

function guarded(work: () => void, written: readonly string[]): void {
  try {
    work();
  } catch (error) {
    const reason = describeFsError(error);
    if (!reason) throw error;
    const done = written.length > 0 ? ` ${written.join(', ')} ${written.length === 1 ? 'was' : 'were'} already fixed (each completely); no file was removed.` : ' Nothing was written.';
    throw VibeInputError.single('--fix', `cannot write: ${reason}.${done}`);
  }
}
