import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node's own `mkdirSync(dir, { recursive: true })` never
 * returns for a path under `/proc` (mkdir answers ENOENT though the parent exists, and Node
 * retries the parent forever); here that ENOENT is thrown like any other error, so the caller
 * reports it as the user's side (exit 2).
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current)) break;
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      // A parallel writer may have made it in between.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(folder).isDirectory()) throw error;
    }
  }
}
