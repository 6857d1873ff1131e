import * as fs from 'node:fs';
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from '../shared-yaml';
import { inspectSealedValue } from './ciphertext-layout';
import { describeTarget, sameTarget, scopeFromAnnotations, type SealScope, type SealTarget } from './scope';
import { MAX_SEALED_FILE_BYTES } from './sealed-file-text';
import { SEALED_SECRET_API_VERSION, SEALED_SECRET_KIND, sealedSecretManifest, secretKeyProblem } from './sealed-secret-manifest';
import { SealedValue, sealedValueFromCiphertext } from './sealed-value';
import { describeValue, VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL, DNS_NAME } from '../contract/patterns';


export interface SealedSecretFileContents extends SealTarget {
  /** Where it was read from, for messages. */
  readonly source: string;
  readonly values: ReadonlyMap<string, SealedValue>;
  readonly secretType?: string;
}

/**
 * The sealed file a creator keeps in their repository (`sealed-secrets.yaml`): one SealedSecret
 * manifest holding only ciphertext. Loading it is the second way (after `seal()`) to obtain
 * SealedValues, each bound to the file's name, namespace and scope.
 */
export class SealedSecretFile implements SealTarget {
  /** Reads and checks a sealed file; every problem names `file:line`. */
  public static load(path: string): SealedSecretFile {
    const text = readSealedFileText(path);
    if (text === undefined) throw VibeInputError.single(path, 'does not exist. Create it with: vibe seal --cert sealed-secrets-cert.pem --namespace <ns> --name <secret> --merge-into sealed-secrets.yaml');
    return SealedSecretFile.parse(text, path);
  }

  public static parse(text: string, source: string): SealedSecretFile {
    return parseSealedSecretDocument(text, source).file;
  }

  public readonly source: string;
  public readonly name: string;
  public readonly namespace: string;
  public readonly scope: SealScope;
  public readonly values: ReadonlyMap<string, SealedValue>;
  /** The Secret type the controller will create (`Opaque` unless the file says otherwise). */
  public readonly secretType: string;

  /** Normally obtained from load() or parse(); every value must be sealed for this very Secret. */
  public constructor(contents: SealedSecretFileContents) {
    for (const [key, value] of contents.values) {
      if (!SealedValue.isSealedValue(value)) throw new TypeError(`SealedSecretFile: the value of ${key} is not a SealedValue; seal it with seal() first.`);
      if (!sameTarget(value.target, contents)) {
        throw new TypeError(`SealedSecretFile: ${key} was sealed for ${describeTarget(value.target)}, not for ${describeTarget(contents)}; the controller could not open it.`);
      }
    }
    this.source = contents.source;
    this.name = contents.name;
    this.namespace = contents.namespace;
    this.scope = contents.scope;
    this.values = new Map(contents.values);
    this.secretType = contents.secretType ?? 'Opaque';
  }

  /** The SealedSecret as a plain object, keys sorted, ready to render. */
  public toManifest(): Record<string, unknown> {
    return sealedSecretManifest(this, this.values, this.secretType);
  }
}

/**
 * Reads a sealed file's text, or undefined when it does not exist (merging creates it).
 *
 * @internal
 */
export function readSealedFileText(path: string): string | undefined {
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) throw VibeInputError.single(path, 'is a folder; a sealed file is one YAML file. Example: sealed-secrets.yaml');
    if (stat.size > MAX_SEALED_FILE_BYTES) throw VibeInputError.single(path, `is ${stat.size} bytes; a sealed file is at most ${MAX_SEALED_FILE_BYTES} bytes (what the API server accepts in one object; vibe seal never writes more).`);
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw VibeInputError.single(path, code === 'EACCES' ? 'cannot be read (permission denied).' : `cannot be read (${code ?? 'unknown error'}).`);
  }
}

/** Where in the text each part of the document was written. */
class Locator {
  constructor(private readonly source: string, private readonly document: Document, private readonly lines: LineCounter) {}

  /**
   * `file:line` of the key at a path; for a missing field, the line of its nearest parent's key
   * (so a missing `metadata.name` points at `metadata:`).
   */
  at(path: readonly string[]): string {
    for (let length = path.length; length > 0; length--) {
      const parent = length > 1 ? this.document.getIn(path.slice(0, length - 1), true) : this.document.contents;
      if (!isMap(parent)) continue;
      const pair = parent.items.find((p) => keyText(p.key) === path[length - 1]);
      const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (keyRange) return this.line(keyRange[0]);
    }
    return this.line(0);
  }

  line(offset: number): string {
    return `${this.source}:${this.lines.linePos(offset).line}`;
  }
}

export function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** @internal A checked sealed file with its editable YAML document. */
export interface ParsedSealedFile {
  readonly file: SealedSecretFile;
  readonly document: Document;
  /** `file:line` of a field, for messages about it. */
  readonly locate: (path: readonly string[]) => string;
}

/**
 * Parses and checks a sealed file, keeping the YAML document so a merge can edit it in place
 * (comments and layout survive).
 *
 * @internal
 */
export function parseSealedSecretDocument(text: string, source: string): ParsedSealedFile {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const broken = Array.from(documents).find((d) => d.errors.length > 0);
  if (broken) {
    const error = broken.errors[0];
    const pos = lines.linePos(error.pos[0]);
    const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw VibeInputError.single(`${source}:${pos.line}:${pos.col}`, `not valid YAML: ${what}. Check the indentation and quotes on that line.`);
  }
  const present = Array.from(documents).filter((d) => d.contents !== null);
  if (present.length === 0) throw VibeInputError.single(source, `is empty; a sealed file holds one ${SEALED_SECRET_KIND}. Create it with: vibe seal ... --merge-into ${source}`);
  if (present.length > 1) {
    const second = present[1].range[0];
    throw VibeInputError.single(`${source}:${lines.linePos(second).line}`, `a second YAML document starts here; a sealed file holds exactly one ${SEALED_SECRET_KIND}. Keep one per file.`);
  }
  const document = present[0];
  const locator = new Locator(source, document, lines);
  if (!isMap(document.contents)) throw VibeInputError.single(locator.line(0), `must be a ${SEALED_SECRET_KIND} manifest (a map of fields), not a list or a single value.`);
  let manifest: Record<string, any>;
  try {
    manifest = document.toJS({ maxAliasCount: 50 }) as Record<string, any>;
  } catch (error) {
    throw VibeInputError.single(source, `cannot be read as YAML: ${(error as Error).message.split('\n')[0]}.`);
  }
  const file = checkManifest(manifest, source, locator);
  return { file, document, locate: (path) => locator.at(path) };
}

function checkManifest(manifest: Record<string, any>, source: string, locator: Locator): SealedSecretFile {
  const problems: InputProblem[] = [];
  const problem = (path: string[], message: string) => problems.push({ field: path.join('.'), message, location: locator.at(path) });

  if (manifest.apiVersion !== SEALED_SECRET_API_VERSION) problem(['apiVersion'], `got ${describeValue(manifest.apiVersion)}; a sealed file is apiVersion: ${SEALED_SECRET_API_VERSION}.`);
  if (manifest.kind !== SEALED_SECRET_KIND) {
    const hint = manifest.kind === 'Secret' ? ' A plain Secret holds readable values: never commit it; seal its values with vibe seal instead.' : '';
    problem(['kind'], `got ${describeValue(manifest.kind)}; a sealed file is kind: ${SEALED_SECRET_KIND}.${hint}`);
  }
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  const name = metadata.name;
  if (typeof name !== 'string' || !DNS_NAME.test(name)) {
    problem(['metadata', 'name'], `got ${describeValue(name)}; the name of the Secret the controller creates is required: lowercase letters, digits, "-" and ".". Example: name: shop-credentials`);
  }
  const namespace = metadata.namespace;
  if (typeof namespace !== 'string' || namespace.length > 63 || !DNS_LABEL.test(namespace)) {
    problem(['metadata', 'namespace'], `got ${describeValue(namespace)}; the namespace the values were sealed for is required: lowercase letters, digits and "-". Example: namespace: platform-vibe-shop`);
  }
  const scope = scopeFromAnnotations(isPlainObject(metadata.annotations) ? metadata.annotations : undefined);
  if (scope === 'both') problem(['metadata', 'annotations'], 'has both the namespace-wide and the cluster-wide annotation; keep the one the values were sealed with.');

  const spec = isPlainObject(manifest.spec) ? manifest.spec : {};
  const encryptedData = spec.encryptedData ?? {};
  if (!isPlainObject(encryptedData)) problem(['spec', 'encryptedData'], 'must be a map of KEY: <sealed value> lines, as vibe seal writes them.');
  const secretType = isPlainObject(spec.template) && typeof spec.template.type === 'string' ? spec.template.type : 'Opaque';
  if (problems.length > 0 || scope === 'both') throw new VibeInputError(problems, source);

  const target: SealTarget = { name, namespace, scope };
  const values = new Map<string, SealedValue>();
  for (const [key, value] of Object.entries(encryptedData as Record<string, unknown>)) {
    const path = ['spec', 'encryptedData', key];
    const keyProblem = secretKeyProblem(key);
    if (keyProblem) {
      problem(path, `the key ${JSON.stringify(key)} is not a valid Secret key: ${keyProblem}. Example: DATABASE_PASSWORD`);
      continue;
    }
    const inspection = typeof value === 'string' ? inspectSealedValue(value) : { ok: false as const, reason: `is ${describeValue(value)}, not text` };
    if (!inspection.ok) {
      problem(path, `the value ${inspection.reason}. Seal it again: vibe seal ... --merge-into ${source}`);
      continue;
    }
    values.set(key, sealedValueFromCiphertext(value as string, target));
  }
  if (problems.length > 0) throw new VibeInputError(problems, source);
  return new SealedSecretFile({ source, name, namespace, scope, values, secretType });
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
