import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './cli';

/** How sigs.k8s.io/yaml read one text: its JSON, or its error; strictly, the duplicate-key error too. */
export interface OracleAnswer {
  readonly json?: unknown;
  readonly error?: string;
  readonly strictError?: string;
}

const SOURCE = path.join(ROOT, 'scripts', 'yaml-oracle');

/**
 * The Go helper built on Kubernetes' own YAML library (scripts/yaml-oracle), compiled once into
 * $HOME/.cache/vibe-env/yaml-oracle/<hash of its source>/ — outside the repository. Returns the
 * binary, or the reason it cannot be had (no Go toolchain, no module proxy) for the skip line.
 */
export function yamlOracle(): { binary: string } | { skipped: string } {
  const hash = createHash('sha256');
  for (const name of ['main.go', 'go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(SOURCE, name)));
  const folder = path.join(process.env.VIBE_ENV_CACHE ?? path.join(os.homedir(), '.cache', 'vibe-env'), 'yaml-oracle', hash.digest('hex').slice(0, 16));
  const binary = path.join(folder, 'yaml-oracle');
  if (fs.existsSync(binary)) return { binary };
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return { skipped: 'no Go toolchain on PATH to build the sigs.k8s.io/yaml oracle (scripts/yaml-oracle)' };
  fs.mkdirSync(folder, { recursive: true });
  const built = spawnSync('go', ['build', '-o', `${binary}.partial`, '.'], { cwd: SOURCE, encoding: 'utf8', timeout: 300_000, env: { ...process.env, GOFLAGS: '-mod=mod' } });
  if (built.status !== 0) return { skipped: `building the sigs.k8s.io/yaml oracle failed: ${(built.stderr || built.error?.message || '').trim().split('\n')[0]}` };
  fs.renameSync(`${binary}.partial`, binary);
  return { binary };
}

/** Asks the oracle about many texts at once. */
export function askOracle(binary: string, texts: readonly string[]): OracleAnswer[] {
  const result = spawnSync(binary, { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: 120_000 });
  if (result.status !== 0) throw new Error(`yaml-oracle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as OracleAnswer[];
}
