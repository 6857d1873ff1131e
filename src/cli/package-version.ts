import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The installed vibe-env version (lib/cli → package root). */
export function packageVersion(): string {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}
