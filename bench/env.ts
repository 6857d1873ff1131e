import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The repository root (bench/ lives directly below it). Children run from a transpiled copy in
 * the temp folder and get it from VIBE_BENCH_ROOT.
 */
export const ROOT = process.env.VIBE_BENCH_ROOT ?? path.resolve(__dirname, '..');
/** The compiled library: what users run, and what every measured process loads. */
export const LIB = path.join(ROOT, 'lib');
/** The `vibe` CLI as installed (package.json bin: the compile cache, then lib/cli/main.js). */
export const CLI = path.join(LIB, 'cli', 'bin.js');
export const EXAMPLE_DIR = path.join(ROOT, 'examples', 'inventory-checker');
export const EXAMPLE_VALUES = path.join(EXAMPLE_DIR, 'values.yaml');
export const EXAMPLE_CERT = path.join(EXAMPLE_DIR, 'sealed-secrets-cert.pem');
export const REQUIRE_HOOK = path.join(ROOT, 'bench', 'require-hook.js');

export interface BenchOptions {
  /** Fewer repetitions and N up to 100: a smoke run for tests. */
  readonly quick: boolean;
  /** Where the markdown report goes (undefined: not written). */
  readonly markdownFile?: string;
  /** Where the machine-readable results go (undefined: not written). */
  readonly jsonFile?: string;
  /** Sections to run (all when empty). */
  readonly only: ReadonlySet<string>;
  /** Exit non-zero when a target is missed (a FAILED row always does). */
  readonly check: boolean;
  /** Keep the temporary folder (to look at the synthesized sets). */
  readonly keepTemp: boolean;
}

/** What every section gets: options, paths, a private temp folder and a progress log. */
export interface Bench {
  readonly options: BenchOptions;
  /** A temp folder for this run under os.tmpdir(), removed at the end unless --keep-temp. */
  readonly tmp: string;
  /** The transpiled child scripts (bench/children/*.ts → plain JS, run by plain node). */
  childScript(name: string): string;
  /**
   * Environment for measured processes: no update notifiers, no colours, no network for npx, and
   * vibe's compile cache in this run's temp folder (filled by each section's warm-up run, as a
   * user's is after the first command).
   */
  readonly env: NodeJS.ProcessEnv;
  log(message: string): void;
  /**
   * True once the run is past its soft time budget (130 s of measuring, so that npm run bench,
   * compilation included, stays near 10 minutes on a busy 2-core machine): sections then make
   * only their minimum repetitions.
   */
  hurry(): boolean;
}

const SOFT_BUDGET_MS = 130_000;

export function createBench(options: BenchOptions): Bench {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-bench-'));
  const childDir = transpileBench(path.join(tmp, 'js'));
  const started = Date.now();
  return {
    options,
    tmp,
    childScript: (name) => path.join(childDir, 'children', `${name}.js`),
    env: measuredEnv(tmp),
    log: (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`),
    hurry: () => Date.now() - started > SOFT_BUDGET_MS,
  };
}

export function removeTemp(bench: Bench): void {
  if (bench.options.keepTemp) {
    bench.log(`kept ${bench.tmp}`);
    return;
  }
  fs.rmSync(bench.tmp, { recursive: true, force: true });
}

function measuredEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A benchmark run must not be steered by the caller's node flags (e.g. a debugger or ts-node hooks).
  delete env.NODE_OPTIONS;
  delete env.TS_NODE_PROJECT;
  delete env.VIBE_COMPILE_CACHE;
  delete env.VIBE_DEBUG_COMPILE_CACHE;
  return {
    ...env,
    NO_COLOR: '1',
    NO_UPDATE_NOTIFIER: '1',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    // npx must find ts-node in the app folder; it must never download anything.
    NPM_CONFIG_OFFLINE: 'true',
    NPM_CONFIG_YES: 'false',
    CDK8S_CHECK_UPGRADE: 'false',
    VIBE_BENCH_ROOT: ROOT,
    VIBE_CACHE_DIR: path.join(tmp, 'vibe-cache'),
  };
}

/**
 * The children run under plain `node` so that what they measure (require time, RSS) is not
 * inflated by a TypeScript loader: bench/**\/*.ts is transpiled once per run into the temp folder
 * (TypeScript's transpileModule, no type check: `npm test` type-checks bench/).
 */
function transpileBench(outDir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const benchDir = path.join(ROOT, 'bench');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      const target = path.join(outDir, path.relative(benchDir, file));
      if (fs.statSync(file).isDirectory()) {
        walk(file);
      } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
          fileName: file,
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
        });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target.replace(/\.ts$/, '.js'), output.outputText);
      }
    }
  };
  walk(benchDir);
  return outDir;
}
