import * as fs from 'node:fs';

/** Where a path really leads, symbolic links followed; undefined when it (or a link's target) does not exist. */
export function realPathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
