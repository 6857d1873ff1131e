import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Document, isMap, isScalar, type YAMLMap } from '../shared-yaml';
import { writeFileAtomically } from './atomic-write';
import { describeTarget, sameTarget, type SealTarget } from './scope';
import { isJsonText, sealedFileText } from './sealed-file-text';
import { keyText, parseSealedSecretDocument, readSealedFileText } from './sealed-secret-file';
import { sealedSecretManifest, secretKeyProblem, sortedKeys } from './sealed-secret-manifest';
import { SealedValue } from './sealed-value';
import { VibeInputError } from '../contract/errors';
import { withFileLock } from '../io/file-lock';

export interface SealedFileUpdate extends SealTarget {
  /** Values to add or replace, by Secret key; each must be sealed for this very Secret. */
  readonly values: ReadonlyMap<string, SealedValue>;
}

export interface MergeResult {
  readonly file: string;
  /** True when the file did not exist and was written from scratch. */
  readonly created: boolean;
  readonly added: readonly string[];
  readonly replaced: readonly string[];
  /** Keys already in the file and left as they were. */
  readonly kept: readonly string[];
}

const HEADER = ' Sealed with `vibe seal`: ciphertext only, safe to commit. Only the cluster\'s controller can decrypt it.\n'
  + ' Add or replace a value: vibe seal --cert <cert.pem> --namespace <ns> --name <secret> --merge-into <this file>';

/**
 * Adds or replaces values in a sealed file, creating it when absent. The existing YAML document
 * is edited in place so comments and the other keys survive; keys stay sorted; the file is
 * replaced atomically. A file sealed for another Secret or scope is refused: its values could
 * not be opened next to the new ones.
 */
export function mergeIntoSealedFile(path: string, update: SealedFileUpdate): MergeResult {
  checkValues(update);
  // Read, merge and write under one lock: two merges at once would each keep only their own keys.
  return withFileLock(lockFor(path), { what: path }, () => mergeUnlocked(path, update));
}

/** `.<name>.vibe-lock` beside the sealed file; a missing folder is said plainly. */
function lockFor(file: string): string {
  const folder = dirname(file);
  if (!existsSync(folder)) throw VibeInputError.single(file, 'cannot be written (its folder does not exist); nothing was changed.');
  return join(folder, `.${basename(file)}.vibe-lock`);
}

function mergeUnlocked(path: string, update: SealedFileUpdate): MergeResult {
  const text = readSealedFileText(path);
  if (text === undefined) {
    const document = new Document(sealedSecretManifest(update, update.values));
    document.commentBefore = HEADER;
    write(path, document);
    return { file: path, created: true, added: sortedKeys(update.values.keys()), replaced: [], kept: [] };
  }

  const { file: existing, document, locate } = parseSealedSecretDocument(text, path);
  refuseOtherTarget(existing, update, locate);

  let encryptedData = document.getIn(['spec', 'encryptedData'], true);
  if (!isMap(encryptedData)) {
    document.setIn(['spec', 'encryptedData'], document.createNode({}));
    encryptedData = document.getIn(['spec', 'encryptedData'], true);
  }
  const map = encryptedData as YAMLMap;
  map.flow = false;
  keepFirstCommentWithItsKey(map);
  const added: string[] = [];
  const replaced: string[] = [];
  for (const key of sortedKeys(update.values.keys())) {
    (map.has(key) ? replaced : added).push(key);
    map.set(key, update.values.get(key)!.ciphertext);
  }
  map.items.sort((a, b) => compare(keyText(a.key), keyText(b.key)));
  write(path, document, isJsonText(text));
  const kept = sortedKeys([...existing.values.keys()].filter((k) => !update.values.has(k)));
  return { file: path, created: false, added, replaced, kept };
}

/**
 * Fails early when a sealed file exists and was sealed for another Secret or scope, so the CLI
 * can say so before anyone types a secret. Does nothing when the file does not exist yet.
 */
export function checkSealedFileTarget(path: string, target: SealTarget): void {
  const text = readSealedFileText(path);
  if (text === undefined) return;
  const { file, locate } = parseSealedSecretDocument(text, path);
  refuseOtherTarget(file, target, locate);
}

function refuseOtherTarget(existing: SealTarget, wanted: SealTarget, locate: (path: readonly string[]) => string): void {
  if (sameTarget(existing, wanted)) return;
  const field = existing.name !== wanted.name ? 'name' : existing.namespace !== wanted.namespace ? 'namespace' : 'annotations';
  throw VibeInputError.single(
    locate(['metadata', field]),
    `this file is sealed for ${describeTarget(existing)}; you asked for ${describeTarget(wanted)}. `
    + 'Values sealed for one Secret cannot be opened as another: use the same name, namespace and scope, or seal into another file.',
  );
}

function checkValues(update: SealedFileUpdate): void {
  if (update.values.size === 0) throw VibeInputError.single('values', 'nothing to merge: give at least one sealed value.');
  for (const [key, value] of update.values) {
    const keyProblem = secretKeyProblem(key);
    if (keyProblem) throw VibeInputError.single('values', `the key ${JSON.stringify(key)} is not a valid Secret key: ${keyProblem}. Example: DATABASE_PASSWORD`);
    if (!SealedValue.isSealedValue(value)) throw new TypeError(`mergeIntoSealedFile: the value of ${key} is not a SealedValue; seal it with seal() first.`);
    if (!sameTarget(value.target, update)) {
      throw new TypeError(`mergeIntoSealedFile: ${key} was sealed for ${describeTarget(value.target)}, not for ${describeTarget(update)}.`);
    }
  }
}

function write(path: string, document: Document, json = false): void {
  const text = sealedFileText(document, { json, file: path });
  try {
    writeFileAtomically(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error');
    throw VibeInputError.single(path, `cannot be written (${reason}); nothing was changed.`);
  }
}

/**
 * YAML stores a comment above a map's first key on the map itself; move it onto that key so
 * sorting carries it along instead of leaving it above whichever key ends up first.
 */
function keepFirstCommentWithItsKey(map: YAMLMap): void {
  const first = map.items[0]?.key;
  if (map.commentBefore && isScalar(first) && !first.commentBefore) {
    first.commentBefore = map.commentBefore;
    map.commentBefore = undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
