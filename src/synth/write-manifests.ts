import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../contract/errors';
import { NUMBERED_FILE } from '../contract/files';

/**
 * Writes a rendered manifest set into `outdir`, replacing the previous one: numbered files
 * that are no longer produced (a component was turned off) are removed, other files are left
 * alone. Everything is rendered before this runs, so a failure never leaves half a set.
 */
export function writeManifestSet(outdir: string, files: ReadonlyMap<string, string>): string[] {
  if (fs.existsSync(outdir) && !fs.statSync(outdir).isDirectory()) {
    throw VibeInputError.single('out', `"${outdir}" is a file, not a folder. Example: --out k8s`);
  }
  fs.mkdirSync(outdir, { recursive: true });
  for (const existing of fs.readdirSync(outdir)) {
    if (NUMBERED_FILE.test(existing) && !files.has(existing)) {
      fs.rmSync(path.join(outdir, existing));
    }
  }
  const written: string[] = [];
  for (const [name, content] of files) {
    const target = path.join(outdir, name);
    // Write then rename: a reader (or an interrupted run) never sees a truncated file.
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, content, { encoding: 'utf8' });
    fs.renameSync(temporary, target);
    written.push(target);
  }
  return written;
}
