import * as fs from 'node:fs';
import * as path from 'node:path';

/** The sealed file a creator's repo keeps beside its answers (main.ts or vibe.yaml). */
export const DEFAULT_SEALED_FILE = 'sealed-secrets.yaml';

/**
 * Where the app's sealed file is by convention: beside the answers, when it exists. Explicit
 * `secrets` always wins; a file found here is still checked against the app's namespace and
 * secret name, so a stray file fails loudly instead of being used.
 */
export function findDefaultSealedFile(answersDirectory: string): string | undefined {
  const candidate = path.join(answersDirectory, DEFAULT_SEALED_FILE);
  return fs.existsSync(candidate) ? candidate : undefined;
}
