import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file in one step: write a temporary file next to it, then rename over it. A crash
 * or a full disk leaves the old file intact instead of a half-written sealed file. An existing
 * file keeps its permissions; a symlink is followed so the link itself survives.
 */
export function writeFileAtomically(file: string, text: string, defaultMode = 0o644): void {
  let target = file;
  let mode = defaultMode;
  try {
    target = fs.realpathSync(file);
    mode = fs.statSync(target).mode % 0o1000; // the permission bits
  } catch {
    // The file does not exist yet: create it with the default mode.
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { mode, flag: 'wx' });
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
