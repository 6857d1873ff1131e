import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The packages a creator repository needs to run `cdk8s synth` on its main.ts and `vibe review`
 * on the result, at the versions vibe-env itself is built and tested with (read from its own
 * package.json, so they move together and an npm cache warmed by vibe-env serves them).
 */
export interface Tooling {
  /** The running vibe-env's version. */
  readonly vibeEnvVersion: string;
  /** devDependencies of the creator repository, vibe-env excluded. */
  readonly devDependencies: Readonly<Record<string, string>>;
  /** The Node.js range vibe-env supports. */
  readonly node: string;
}

/** What a creator repository installs besides vibe-env, with the range used when vibe-env's own is unknown. */
const TOOLS: Readonly<Record<string, string>> = {
  // The `cdk8s synth` command.
  'cdk8s-cli': '^2.200.0',
  // Runs main.ts without a build step; --swc transpiles it with @swc/core (fast, no type check).
  'ts-node': '^10.9.2',
  '@swc/core': '^1.16.0',
  // ts-node needs the compiler; 7.x drops the API it uses.
  'typescript': '~5.9.3',
};

/** vibe-env's package.json: lib/init → the package root (src/init in tests). */
function ownPackageJson(): { version: string; devDependencies?: Record<string, string>; engines?: { node?: string } } {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
}

export function creatorTooling(): Tooling {
  const own = ownPackageJson();
  const devDependencies: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(TOOLS)) devDependencies[name] = own.devDependencies?.[name] ?? fallback;
  return { vibeEnvVersion: own.version, devDependencies, node: own.engines?.node ?? '>= 20.19.0' };
}
