import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface PackageJson {
  readonly version: string;
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

/** The installed vibe-env package.json (lib/cli → package root). */
function packageJson(): PackageJson {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
}

/** The installed vibe-env version. */
export function packageVersion(): string {
  return packageJson().version;
}

/**
 * Where this version's repository files (docs/checks.md) are published: the package's
 * `repository` (an https git URL) at the release tag `v<version>`. Undefined when the package
 * names no repository, so reports link nowhere rather than to a guess.
 */
export function packageDocsBase(): string | undefined {
  const { repository, version } = packageJson();
  const url = typeof repository === 'string' ? repository : repository?.url;
  const https = url?.replace(/^git\+/, '').replace(/\.git$/, '');
  return https && /^https:\/\//.test(https) ? `${https}/blob/v${version}` : undefined;
}

/** The package's home page, for the SARIF tool entry. */
export function packageHomepage(): string | undefined {
  return packageJson().homepage;
}
