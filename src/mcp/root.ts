import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../contract/errors';
import { realPathOrUndefined } from '../io/real-path';

/**
 * The folder `vibe mcp` was started in, and the only place its tools read or write. A coding
 * assistant names paths relative to it; a path that leaves it (`..`, an absolute path elsewhere,
 * a symbolic link that points out) is refused with a plain error before anything is read.
 */
export class Root {
  /** The root as the file system resolves it (symbolic links followed). */
  public readonly dir: string;

  constructor(dir: string) {
    try {
      this.dir = fs.realpathSync(dir);
    } catch {
      throw VibeInputError.single('--root', `"${dir}" does not exist. Start vibe mcp in the repository folder, or pass --root <folder>.`);
    }
    if (!fs.statSync(this.dir).isDirectory()) throw VibeInputError.single('--root', `"${dir}" is not a folder.`);
  }

  /**
   * The absolute path of `given` (relative to the root, or absolute inside it). With `mustExist`
   * it must exist; otherwise it may be created later, and its nearest existing folder is checked.
   */
  public resolve(field: string, given: string, options: { readonly mustExist: boolean }): string {
    if (given.trim() === '' || given.includes('\u0000')) throw this.refuse(field, given, 'is not a path');
    if (given.split(/[\\/]+/).includes('..')) throw this.refuse(field, given, 'goes up with ".."');
    const full = path.resolve(this.dir, given);
    if (!this.holds(full)) throw this.refuse(field, given, 'is outside the root');
    const existing = nearestExisting(full);
    if (options.mustExist && existing !== full) throw VibeInputError.single(field, `"${given}" does not exist in ${this.dir}.`);
    // A symbolic link on the way may point anywhere: judge where the path really is (a broken
    // link is refused too: writing through it would create its target, wherever that is).
    const real = realPathOrUndefined(existing);
    if (real === undefined || !this.holds(real)) throw this.refuse(field, given, 'leads outside the root through a symbolic link');
    return full;
  }

  /**
   * Refuses a folder with a symbolic link inside that points out of the root, before anything
   * below it is read (the manifest loader follows links). Dot-folders and node_modules are
   * skipped, as the loader skips them.
   */
  public checkTree(field: string, dir: string, visited: Set<string> = new Set()): void {
    const real = realPathOrUndefined(dir);
    if (real === undefined || visited.has(real) || !fs.statSync(real).isDirectory()) return;
    visited.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = realPathOrUndefined(full);
        if (target === undefined) continue;
        if (!this.holds(target)) throw this.refuse(field, this.relative(full), 'leads outside the root through a symbolic link');
      }
      if (entry.isDirectory() || entry.isSymbolicLink()) this.checkTree(field, full, visited);
    }
  }

  /** Whether an existing file really lies inside the root (symbolic links followed). */
  public contains(file: string): boolean {
    const real = realPathOrUndefined(path.resolve(this.dir, file));
    return real !== undefined && this.holds(real);
  }

  /** `file` as the client named it: relative to the root. */
  public relative(file: string): string {
    return path.relative(this.dir, file) || '.';
  }

  private holds(full: string): boolean {
    const relative = path.relative(this.dir, full);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  private refuse(field: string, given: string, why: string): VibeInputError {
    return VibeInputError.single(
      field,
      `"${given.slice(0, 200)}" ${why}: vibe mcp reads and writes only inside ${this.dir}, the folder it was started in. Name a path inside it, e.g. k8s/`,
    );
  }
}


/** The path itself or its nearest ancestor that has a directory entry (a link counts, even broken). */
function nearestExisting(full: string): string {
  let current = full;
  while (!hasEntry(current)) {
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return current;
}

function hasEntry(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
