import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { crc32 } from 'node:zlib';

/**
 * A V8 code cache for the modules the `vibe` command loads, so a cold command does not compile
 * the same JavaScript again each time it starts.
 *
 * Why hand-written: Node's own `module.enableCompileCache()` exists from Node 22.1 only, and
 * vibe-env supports Node 20. The `v8-compile-cache` approach (tried: bench/compile-cache-preload.js)
 * saves the cache right after compiling, when V8 has compiled only the top level of each module,
 * and gained nothing measurable. This one saves it when the command ends, so the functions the
 * command ran are in it too (bench/cold-synth.ts measures both).
 *
 * Correct when vibe-env or a dependency is updated: each module's entry carries the length and
 * CRC-32 of the source it was compiled from and is used only for that exact source; V8 itself refuses data made
 * by another V8 version or other flags (`cachedDataRejected`). A damaged file is detected by the
 * CRC-32 over the whole file and ignored. Entries are kept one per module file, so an update
 * replaces entries instead of piling them up.
 *
 * Where: `$VIBE_CACHE_DIR`, else `$XDG_CACHE_HOME/vibe-env`, else `~/.cache/vibe-env`, in a
 * `compile-cache` folder only this user may write (mode 0700, files 0600); never a shared temp
 * folder. `VIBE_COMPILE_CACHE=off` turns it off. Any problem with the cache turns the cache off
 * for that run and never fails the command: it only costs the time it would have saved.
 *
 * The cache holds compiled code of vibe-env and its libraries, never data the command read.
 */

const FORMAT = 'vibe-env compile cache 1';
/** Past this size the file starts afresh: one command's modules take about 3 MB. */
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  /** sourceSum of the source the data was compiled from. */
  readonly sum: string;
  readonly data: Buffer;
}

interface Header {
  readonly format: string;
  readonly digest: string;
  readonly entries: readonly (readonly [file: string, sum: string, length: number])[];
}

type CompiledFunction = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown;

interface InternalModule extends Module {
  _compile(content: string, filename: string): unknown;
}
interface ModuleStatics {
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<Module>;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
}

let installed = false;

/**
 * Installs the cache for the modules loaded from now on (the first call only). The cache is saved
 * when the process exits, or earlier by calling the function returned: a worker thread is ended
 * with its process and sees no exit event.
 */
export function installCompileCache(env: NodeJS.ProcessEnv = process.env, name = 'main'): () => void {
  const nothing = () => undefined;
  if (installed) return nothing;
  installed = true;
  if (/^(0|off|false|no)$/i.test(env.VIBE_COMPILE_CACHE ?? '')) return nothing;
  const dir = cacheFolder(env);
  if (!dir) return nothing;
  // One file per thread kind: the secret scanner's worker loads other modules, and two threads
  // writing one file would each drop the other's entries.
  const file = path.join(dir, `${name}-node-${process.version}-${process.arch}.bin`);
  const entries = readCache(file);
  const fresh = new Map<string, vm.Script & { sum: string }>();
  let used = 0;
  const statics = Module as unknown as ModuleStatics;
  const prototype = Module.prototype as InternalModule;
  const original = prototype._compile;

  prototype._compile = function compileWithCache(this: InternalModule, content: string, filename: string): unknown {
    // import() in a script compiled from cached data finds no loader on Node 20 ("A dynamic import
    // callback was not specified"), so such modules compile the usual way (a text search: a
    // mention in a comment only costs that module its cache).
    if (!/\.c?js$/.test(filename) || content.includes('import(')) return original.call(this, content, filename);
    const sum = sourceSum(content);
    const known = entries.get(filename);
    const cachedData = known?.sum === sum ? known.data : undefined;
    let script: vm.Script;
    try {
      // A #! line is valid only at the very start of a script, not inside the module wrapper.
      const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new vm.Script(Module.wrap(source), {
        filename,
        // Columns on the first line as Node reports them, not shifted by the wrapper's text.
        columnOffset: -wrapperLength(),
        cachedData,
      });
    } catch {
      // A syntax error, reported by Node's own compiler with its usual message.
      return original.call(this, content, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) fresh.set(filename, Object.assign(script, { sum }));
    else used++;
    const compiled = script.runInThisContext({ displayErrors: true }) as CompiledFunction;
    return compiled.call(this.exports, this.exports, requireFor(this, statics), this, filename, path.dirname(filename));
  };

  const save = () => {
    if (env.VIBE_DEBUG_COMPILE_CACHE) process.stderr.write(`compile cache: ${used} from the cache, ${fresh.size} compiled (${file})\n`);
    if (fresh.size === 0) return;
    try {
      // Made now, after the command ran: the functions it called are compiled and go in too.
      for (const [moduleFile, script] of fresh) entries.set(moduleFile, { sum: script.sum, data: script.createCachedData() });
      writeCache(file, entries, new Set(fresh.keys()));
    } catch {
      // A full disk or a read-only home: the next run compiles again, nothing else.
    }
    fresh.clear();
  };
  process.once('exit', save);
  return save;
}

/**
 * What identifies a module's source: its length and CRC-32, as Node's own compile cache does
 * (V8 checks only the length). CRC-32 rather than SHA-1: hashing the ~5 MB a synth loads took
 * 7–9 ms with SHA-1, 4–6 ms with CRC-32 (measured on this project's modules).
 */
function sourceSum(content: string): string {
  return `${content.length}:${crc32(content).toString(16)}`;
}

/** The length of the text Module.wrap puts before a module's source. */
function wrapperLength(): number {
  return Module.wrap('\u0000').indexOf('\u0000');
}

/** The check over a whole cache file's data: a damaged file is read as no file. */
function bodySum(body: Buffer): string {
  return `${body.length}:${crc32(body).toString(16)}`;
}

/** The `require` a module's code receives, as Node builds it (lib/internal/modules/helpers). */
function requireFor(module: Module, statics: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    statics._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => statics._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = statics._extensions;
  require.cache = statics._cache;
  return require;
}

/** The cache folder, created private to this user; undefined when there is none to be had. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const home = os.homedir();
    const base = env.VIBE_CACHE_DIR || (env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'vibe-env') : home ? path.join(home, '.cache', 'vibe-env') : undefined);
    if (!base || !path.isAbsolute(base)) return undefined;
    const dir = path.join(base, 'compile-cache');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    // Another user's folder, or one others may write into, could hand this process foreign code.
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    // eslint-disable-next-line no-bitwise -- permission bits: group or others may write.
    if ((uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The entries of a cache file; none when it is missing, of another format or damaged. */
function readCache(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return entries;
  }
  try {
    const end = bytes.indexOf(10);
    if (end === -1) return entries;
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Header;
    const body = bytes.subarray(end + 1);
    if (header.format !== FORMAT || bodySum(body) !== header.digest) return entries;
    let offset = 0;
    for (const [name, sum, length] of header.entries) {
      entries.set(name, { sum, data: body.subarray(offset, offset + length) });
      offset += length;
    }
    if (offset !== body.length) entries.clear();
  } catch {
    entries.clear();
  }
  return entries;
}

/** Writes the cache whole, to a temporary file renamed over the old one (never half a file). */
function writeCache(file: string, entries: ReadonlyMap<string, Entry>, made: ReadonlySet<string>): void {
  let kept = [...entries];
  const total = kept.reduce((sum, [, entry]) => sum + entry.data.length, 0);
  // Too big (modules of many versions side by side): keep what this run made, drop the rest.
  if (total > MAX_BYTES) kept = kept.filter(([name]) => made.has(name));
  const body = Buffer.concat(kept.map(([, entry]) => entry.data));
  const header: Header = {
    format: FORMAT,
    digest: bodySum(body),
    entries: kept.map(([name, entry]) => [name, entry.sum, entry.data.length] as const),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
