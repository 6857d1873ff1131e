import * as fs from 'node:fs';
import * as path from 'node:path';
import { README_MARKER } from './creator-readme';
import { mergePackageJson, type ScaffoldFile, type ScaffoldOptions } from './scaffold';
import { VibeInputError } from '../contract/errors';
import { removeLeftoverTemporaries, syncFolder, temporaryBeside, writeDurably, writeFileAtomically } from '../io/durable-file';
import { LOCK_FILE } from '../io/file-set';
import { makeFolder } from '../io/make-folder';

/** What happens to one file of the scaffold. */
export interface PlannedWrite {
  readonly path: string;
  readonly action: 'create' | 'keep' | 'merge' | 'append' | 'beside';
  /** The bytes to write (absent for `keep`). */
  readonly text?: string | Buffer;
  /** For `beside`: the name it is written under; for merge/append: what was added. */
  readonly note?: string;
}

/** Entries that do not make a folder "not empty": a fresh `git init` or clone has .git. */
const IGNORED_ENTRIES = new Set(['.git', LOCK_FILE]);

/**
 * Checks the target folder: it must be absent, empty, or `--force` must be given. Throws a
 * one-line VibeInputError otherwise.
 */
export function checkTarget(target: string, given: string, force: boolean): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory()) {
    throw VibeInputError.single(given, 'is a file, not a folder. Give the folder the new app repository goes into. Example: vibe init inventory-checker');
  }
  const entries = fs.readdirSync(target).filter((e) => !IGNORED_ENTRIES.has(e)).sort();
  if (entries.length === 0 || force) return;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw VibeInputError.single(
    given,
    `the folder is not empty (${shown}); vibe init writes a new app repository into an empty folder. ` +
      'Add --force to write only the files that are missing (yours are kept; package.json and .gitignore get the missing entries).',
  );
}

/**
 * Decides, before anything is written, what happens to every file. With --force an existing
 * file is never replaced: it is kept, or (package.json, ignore files) completed, or the
 * scaffold's version goes beside it under another name.
 */
export function planWrites(target: string, files: readonly ScaffoldFile[], options: ScaffoldOptions): PlannedWrite[] {
  return files.map((file): PlannedWrite => {
    const full = path.join(target, file.path);
    if (!fs.existsSync(full)) return { path: file.path, action: 'create', text: file.text };
    if (!fs.statSync(full).isFile()) {
      throw VibeInputError.single(file.path, 'exists and is not a file; vibe init needs to write a file there. Move it away and run vibe init again.');
    }
    const existing = fs.readFileSync(full, 'utf8');
    switch (file.existing) {
      case 'keep':
        return { path: file.path, action: 'keep' };
      case 'merge-package-json': {
        const merged = mergePackageJson(existing, options);
        if (!merged) throw VibeInputError.single(file.path, 'is not a JSON object, so the vibe-env scripts and devDependencies cannot be added. Fix the file and run vibe init again.');
        if (merged.added.length === 0) return { path: file.path, action: 'keep' };
        return { path: file.path, action: 'merge', text: merged.text, note: merged.added.join(', ') };
      }
      case 'append-lines': {
        const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
        const missing = file.text.toString().split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !have.has(l.trim()));
        if (missing.length === 0) return { path: file.path, action: 'keep' };
        const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
        return { path: file.path, action: 'append', text: `${existing}${separator}# Added by vibe init\n${missing.join('\n')}\n`, note: missing.join(' ') };
      }
      case 'write-beside': {
        // Our own README from an earlier run (e.g. sealing passwords later) stays as it is.
        if (existing.startsWith(README_MARKER)) return { path: file.path, action: 'keep' };
        const beside = besideName(target, file.path);
        return { path: file.path, action: 'beside', text: file.text, note: beside };
      }
    }
  });
}

/** `README.md` → `README.vibe.md` (or `README.vibe-2.md` … when that exists too). */
function besideName(target: string, file: string): string {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${base}.vibe${n === 1 ? '' : `-${n}`}${ext}`;
    if (!fs.existsSync(path.join(target, candidate))) return candidate;
  }
}

/**
 * Writes the plan. Every file is written whole to a temporary file, flushed and then put in
 * place, so a killed run never leaves a truncated file that a rerun would keep as yours. New
 * files are linked into place, which fails when one appeared meanwhile: nothing is replaced by
 * accident. Temporary files of an earlier killed run are removed first.
 */
export function applyPlan(target: string, plan: readonly PlannedWrite[]): void {
  // package.json last: its start script is how a rerun tells the folder already has an app, so
  // it must never be on disk before the sample app it starts (a kill in between would leave a
  // repository that --force takes for the creator's and never completes).
  const ordered = [...plan.filter((w) => w.path !== 'package.json'), ...plan.filter((w) => w.path === 'package.json')];
  for (const write of ordered) {
    if (write.action === 'keep' || write.text === undefined) continue;
    const file = path.join(target, write.action === 'beside' ? write.note! : write.path);
    makeFolder(path.dirname(file));
    removeLeftoverTemporaries(file);
    if (write.action === 'merge' || write.action === 'append') writeFileAtomically(file, write.text);
    else createAtomically(file, write.text);
  }
}

function createAtomically(file: string, text: string | Buffer): void {
  const temporary = temporaryBeside(file);
  try {
    writeDurably(temporary, text);
    fs.linkSync(temporary, file); // EEXIST when the file exists: never replaced
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  syncFolder(path.dirname(file));
}
