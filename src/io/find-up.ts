import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The nearest folder, from `start` up to the file-system root, that holds `entry` (a file or a
 * folder: a git worktree's `.git` is a file). Undefined when none does.
 */
export function findUp(entry: string, start: string = process.cwd()): string | undefined {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, entry))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** The repository root: the nearest folder holding `.git`, else `start` itself. */
export function repositoryRoot(start: string = process.cwd()): string {
  return findUp('.git', start) ?? path.resolve(start);
}
