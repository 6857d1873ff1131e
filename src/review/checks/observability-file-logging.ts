import * as fs from 'node:fs';
import * as path from 'node:path';
import { lastAtOrBefore } from '../secrets/scanner';

/**
 * G4's search of an app's source tree for file logging. It reads source and logging-config files
 * only (by extension; never README prose), skips dependencies and build output, binary files and
 * symbolic links, and stops at fixed limits so a review of a huge tree stays quick.
 */

/** Folders that hold someone else's code or build output: a bundled winston defines transports.File. */
const SKIPPED_DIRS = new Set([
  'node_modules', 'vendor', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache',
  'site-packages', '.next', '.nuxt', '.gradle', '.idea', 'coverage', 'target', 'dist', 'build', 'out', 'obj',
]);

/** Source files of the runtimes the platform builds, and the config files their loggers read. */
const SCANNED_EXTENSIONS = new Set([
  '.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.py', '.go', '.java', '.kt', '.kts', '.scala', '.groovy', '.rs', '.php', '.rb', '.cs',
  '.xml', '.properties', '.yaml', '.yml', '.json', '.toml', '.ini', '.cfg', '.conf',
]);

/** Program code of a runtime the platform builds (the rest of SCANNED_EXTENSIONS is configuration). */
const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.py', '.go', '.java', '.kt', '.scala', '.groovy', '.rs', '.php', '.rb', '.cs']);

/** vibe-env's own answers (main.ts and the like) describe the deployment; they are not the app. */
const IMPORTS_VIBE_ENV = /\bfrom\s+["']vibe-env["']|\brequire\(\s*["']vibe-env["']\s*\)/;

export interface SourceLimits {
  readonly files: number;
  readonly bytesPerFile: number;
  readonly totalBytes: number;
  readonly findingsPerFile: number;
}

export const SOURCE_LIMITS: SourceLimits = {
  /** Files read at most. */
  files: 5_000,
  /** Bytes read of one file (the start of it). */
  bytesPerFile: 1024 * 1024,
  /** Bytes read in all. */
  totalBytes: 64 * 1024 * 1024,
  /** Findings reported per file. */
  findingsPerFile: 5,
};

interface FileLoggingPattern {
  readonly pattern: RegExp;
  /** What it is, in the creator's words. */
  readonly what: string;
  /** What to use instead. */
  readonly instead: string;
}

const PYTHON_STDOUT = 'logging.StreamHandler(sys.stdout) with python-json-logger';
const NODE_STDOUT = 'the Console transport (winston) or pino\'s default destination (stdout)';
const JAVA_STDOUT = 'a Console appender with a JSON layout';

const PATTERNS: readonly FileLoggingPattern[] = [
  { pattern: /\b(?:Rotating|TimedRotating|Watched)?FileHandler\b/g, what: 'a logging FileHandler', instead: PYTHON_STDOUT },
  { pattern: /\blogging\.basicConfig\s*\([^)]*?\bfilename\s*=/g, what: 'logging.basicConfig(filename=…)', instead: `logging.basicConfig(stream=sys.stdout) or ${PYTHON_STDOUT}` },
  { pattern: /\bopen\(\s*[rfbu]?["'][^"'\n]*\.log["']\s*,\s*[rfbu]?["'][wax]/g, what: 'a .log file opened for writing', instead: PYTHON_STDOUT },
  { pattern: /\btransports\.File\b|\bDailyRotateFile\b|winston-daily-rotate-file/g, what: 'a winston file transport', instead: NODE_STDOUT },
  { pattern: /\bpino\.destination\(\s*["'`{]|["']pino\/file["'][^\n]*destination\s*:\s*["'`]/g, what: 'a pino file destination', instead: 'pino\'s default destination (stdout)' },
  { pattern: /\btype\s*:\s*["'](?:file|dateFile|fileSync|multiFile)["']/g, what: 'a log4js file appender', instead: 'the stdout appender' },
  {
    pattern: /\b(?:createWriteStream|appendFileSync|appendFile|writeFileSync|writeFile|openSync)\(\s*["'`][^"'`\n]*\.log["'`]/g,
    what: 'a .log file written from code',
    instead: NODE_STDOUT,
  },
  { pattern: /\bpath\s*:\s*["'][^"'\n]*\.log["']|\bdestination\s*:\s*["'`][^"'`\n]*\.log["'`]/g, what: 'a logger writing to a .log path', instead: 'stdout' },
  { pattern: /\b(?:Rolling|DailyRolling|RollingRandomAccess|RandomAccess)?FileAppender\b/g, what: 'a file appender (log4j/logback)', instead: JAVA_STDOUT },
  { pattern: /<(?:Rolling)?(?:RandomAccess)?File\b[^>]*\bfileName\s*=/g, what: 'a log4j2 File appender', instead: JAVA_STDOUT },
  { pattern: /\bappender\.[\w.-]+\.type\s*=\s*(?:Rolling)?(?:RandomAccess)?File\b/g, what: 'a log4j2 File appender', instead: JAVA_STDOUT },
  { pattern: /\bos\.(?:OpenFile|Create)\(\s*"[^"\n]*\.log"|\blumberjack\.Logger\b|OutputPaths\s*:[^\n]*\.log"|"outputPaths"\s*:[^\n]*\.log"/g, what: 'a Go logger writing to a file', instead: 'zap/slog writing to os.Stdout' },
  { pattern: /\bFile::create\(\s*"[^"\n]*\.log"|\btracing_appender::rolling\b|\bRollingFileAppender\b/g, what: 'a Rust logger writing to a file', instead: 'tracing_subscriber::fmt().json() to stdout' },
  { pattern: /\bWriteTo\.File\(|xsi:type\s*=\s*"File"/g, what: 'a .NET file sink', instead: 'the console sink with a JSON formatter' },
  { pattern: /\bLogger\.new\(\s*(?:["'][^"'\n]*\.log["']|File\.open)/g, what: 'a Ruby Logger writing to a file', instead: 'Logger.new($stdout)' },
  { pattern: /\berror_log\([^;\n]*,\s*3\s*,|\bStreamHandler\(\s*["'][^"'\n]*\.log["']/g, what: 'a PHP logger writing to a file', instead: 'Monolog\'s StreamHandler(\'php://stdout\')' },
];

/** A line that is only a comment: `# …`, `// …`, ` * …`, `<!-- …`, `-- …`, `; …`. */
const COMMENT_LINE = /^\s*(?:#|\/\/|\/?\*|<!--|--|;)/;
/** An import names a class without using it (`from logging.handlers import RotatingFileHandler`); the use is reported. */
const IMPORT_LINE = /^\s*(?:from\s+[\w.]+\s+import\b|import\s|using\s|use\s)/;

export interface FileLoggingFinding {
  /** The file as the review names it: the source folder joined with the path inside it. */
  readonly file: string;
  /** The path inside the source folder, for messages. */
  readonly relative: string;
  readonly line: number;
  readonly what: string;
  readonly instead: string;
}

export interface SourceScan {
  readonly findings: readonly FileLoggingFinding[];
  readonly filesRead: number;
  /** Files of program code that are the app's (not vibe-env's main.ts): none means there is no app here. */
  readonly appCodeFiles: number;
  /** True when a limit stopped the walk early. */
  readonly truncated: boolean;
}

/** Walks a source tree and reports every place that logs to a file (sorted walk, so the same tree gives the same findings). */
export function findFileLogging(sourceDir: string, limits: SourceLimits = SOURCE_LIMITS): SourceScan {
  const findings: FileLoggingFinding[] = [];
  let filesRead = 0;
  let appCodeFiles = 0;
  let bytesRead = 0;
  let truncated = false;
  const buffer = Buffer.alloc(limits.bytesPerFile);

  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (truncated) return;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
        continue;
      }
      if (!entry.isFile() || !SCANNED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      if (filesRead >= limits.files || bytesRead >= limits.totalBytes) {
        truncated = true;
        return;
      }
      const text = readStart(full, buffer, Math.min(limits.bytesPerFile, limits.totalBytes - bytesRead));
      if (text === undefined) continue;
      filesRead++;
      bytesRead += text.length;
      if (CODE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !IMPORTS_VIBE_ENV.test(text)) appCodeFiles++;
      findings.push(...scanSourceText(text, full, path.relative(sourceDir, full).split(path.sep).join('/')).slice(0, limits.findingsPerFile));
    }
  };
  walk(sourceDir);
  return { findings, filesRead, appCodeFiles, truncated };
}

/** The start of a file as text, or undefined for a binary file (a NUL byte) or an unreadable one. */
function readStart(file: string, buffer: Buffer, max: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const length = fs.readSync(fd, buffer, 0, max, 0);
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The file-logging places in one file's text. */
export function scanSourceText(text: string, file: string, relative: string): FileLoggingFinding[] {
  const found: FileLoggingFinding[] = [];
  const seenLines = new Set<number>();
  let lineStarts: number[] | undefined;
  for (const { pattern, what, instead } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      lineStarts ??= starts(text);
      const index = match.index ?? 0;
      const line = lastAtOrBefore(lineStarts, index);
      if (seenLines.has(line)) continue;
      const lineText = text.slice(lineStarts[line], lineStarts[line + 1] ?? text.length);
      if (COMMENT_LINE.test(lineText) || IMPORT_LINE.test(lineText)) continue;
      seenLines.add(line);
      found.push({ file, relative, line: line + 1, what, instead });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

function starts(text: string): number[] {
  const result = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) result.push(i + 1);
  return result;
}

