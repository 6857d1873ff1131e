import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { VibeInputError, type InputProblem } from '../contract/errors';
import { CREATOR_COMPILER_OPTIONS } from '../init/creator-tsconfig';
import { MAIN_TS_HOOK, type HookedApp, type MainTsHook } from '../synth/main-ts-hook';

/** The TypeScript compiler API, as much of it as is used here. */
type TypeScript = typeof import('typescript');

/** The package root of the running vibe-env (lib/cli → root; src/cli in tests). */
const OWN_ROOT = path.resolve(__dirname, '..', '..');


/**
 * The repository's TypeScript (the one its editor uses), else vibe-env's own. Throws a plain
 * line when neither is installed.
 */
function loadTypeScript(mainFile: string): TypeScript {
  let resolved: string;
  try {
    resolved = require.resolve('typescript', { paths: [path.dirname(mainFile), OWN_ROOT] });
  } catch {
    throw VibeInputError.single('typescript', `is not installed beside ${mainFile}, so main.ts cannot be checked and run. Run npm install (vibe init's package.json lists it), or: npm install --save-dev typescript@~5.9.3`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolved) as TypeScript;
}

/** The app file, checked: it exists and is a .ts file. */
function checkAppFile(file: string): string {
  if (!/\.(c|m)?ts$/.test(file)) {
    throw VibeInputError.single('--app', `got "${file}"; give the app's TypeScript entry point. Example: --app main.ts (for vibe.yaml or Helm values use --values)`);
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw VibeInputError.single('--app', `got "${file}", which is not a file here. Example: --app main.ts`);
  return path.resolve(file);
}

/** Compiler options from the tsconfig.json beside main.ts, else the defaults; never emitting. */
function compilerOptions(ts: TypeScript, mainFile: string): import('typescript').CompilerOptions {
  const dir = path.dirname(mainFile);
  const configFile = path.join(dir, 'tsconfig.json');
  const raw = fs.existsSync(configFile) ? ts.readConfigFile(configFile, ts.sys.readFile) : { config: { compilerOptions: CREATOR_COMPILER_OPTIONS } };
  if (raw.error) throw VibeInputError.single(path.relative(process.cwd(), configFile) || 'tsconfig.json', ts.flattenDiagnosticMessageText(raw.error.messageText, ' '));
  const parsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, dir, undefined, configFile);
  return { ...parsed.options, noEmit: true };
}

/**
 * Type-checks main.ts as the editor does, so the compile-time guards (no literal `latest` tag,
 * only the sizes and components that exist) stop synthesis: one plain problem per error,
 * `main.ts:7:28: …`, thrown together as a VibeInputError (exit 2).
 */
export function typeCheckMainTs(file: string): void {
  const mainFile = checkAppFile(file);
  const ts = loadTypeScript(mainFile);
  const program = ts.createProgram([mainFile], compilerOptions(ts, mainFile));
  const problems: InputProblem[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
    // The head of the chain only: the rest repeats it in smaller parts.
    const head = typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText;
    const message = head.replace(/\s+/g, ' ');
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const where = `${path.relative(process.cwd(), diagnostic.file.fileName) || diagnostic.file.fileName}:${line + 1}:${character + 1}`;
      problems.push({ location: where, field: 'type error', message });
    } else {
      problems.push({ field: 'type error', message });
    }
  }
  if (problems.length > 0) throw new VibeInputError(problems);
}

/**
 * Runs main.ts in this process with TypeScript's own transpiler (CommonJS, no type check: see
 * typeCheckMainTs) and returns the apps its `VibeApp.synthesize` calls made. With
 * `captureOnly` the answers are resolved and nothing is written.
 */
export function runMainTs(file: string, captureOnly: boolean): HookedApp[] {
  const mainFile = checkAppFile(file);
  const ts = loadTypeScript(mainFile);
  const options = compilerOptions(ts, mainFile);
  const extensions = (Module as unknown as { _extensions: Record<string, (module: NodeJS.Module, filename: string) => void> })._extensions;
  const previous = extensions['.ts'];
  const hook: MainTsHook = { file: mainFile, captureOnly, apps: [] };
  const global = globalThis as Record<symbol, unknown>;
  extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { ...options, module: ts.ModuleKind.CommonJS, noEmit: false, sourceMap: false, inlineSourceMap: false, declaration: false },
    });
    (module as unknown as { _compile(code: string, filename: string): void })._compile(output.outputText, filename);
  };
  global[MAIN_TS_HOOK] = hook;
  delete require.cache[mainFile];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(mainFile);
  } finally {
    delete global[MAIN_TS_HOOK];
    if (previous) extensions['.ts'] = previous;
    else delete extensions['.ts'];
  }
  return hook.apps;
}
