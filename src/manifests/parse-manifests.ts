import type { CST, Document, LineCounter, YAMLError } from '../shared-yaml';
import { readDocumentsFast } from './fast-manifests';
import { flowTabsAsSpaces } from './flow-tabs';
import { KUBERNETES_YAML } from './kubernetes-yaml';
import { yamlLibrary } from './lazy-yaml';
import type { ManifestObject } from './manifest-object';
import { yamlProblem } from './yaml-problem';
import { VibeInputError } from '../contract/errors';

/**
 * A manifest may reuse a value through YAML aliases a few times; a value expanded more often
 * than this is an "alias bomb" that would exhaust memory, so reading stops.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Real manifests nest a few dozen levels (CRD schemas included). Deeper input is refused before
 * the recursive YAML composer sees it: at the stack limit V8 may abort the whole process
 * instead of throwing.
 */
export const MAX_NESTING_DEPTH = 200;

/**
 * Parses a YAML or JSON text holding any number of Kubernetes objects (`---` documents, `List`
 * kinds expanded), each with its 1-based start line. Empty documents are skipped. Anything that
 * is not a Kubernetes object is refused with a `VibeInputError` naming `file:line`.
 */
export function parseManifests(text: string, file: string): ManifestObject[] {
  if (text.includes('\u0000')) throw VibeInputError.single(file, 'is a binary file (it contains NUL bytes), not YAML or JSON. Pass the manifest files only.');
  const read = flowTabsAsSpaces(text);
  return parseManifestsFast(read, file) ?? parseManifestsReference(read, file);
}

/**
 * The fast path: plain manifests, as tools write them, read by js-yaml. `undefined` whenever the
 * reference reader must decide: anything unusual, anything wrong, and `List` kinds (whose items
 * need their own lines).
 */
export function parseManifestsFast(text: string, file: string): ManifestObject[] | undefined {
  const documents = readDocumentsFast(text);
  if (documents === undefined) return undefined;
  const objects: ManifestObject[] = [];
  const lines = new LineNumbers(text);
  for (const { value, offset } of documents) {
    if (value === null || value === undefined) continue;
    if (!isKubernetesObject(value) || (Array.isArray(value.items) && value.kind.endsWith('List'))) return undefined;
    // A field Kubernetes would refuse gets the reference reader's message with the field's own line.
    if (wronglyTypedField(value) !== undefined) return undefined;
    objects.push(manifestOf(value, file, lines.lineAt(offset)));
  }
  return objects;
}

/**
 * The reference reader (the `yaml` package): every construct of the dialect, `List` items with
 * their lines, and the error messages, each naming `file:line`.
 */
export function parseManifestsReference(text: string, file: string): ManifestObject[] {
  const { Composer, LineCounter, Parser } = yamlLibrary();
  const lineCounter = new LineCounter();
  const composer = new Composer(KUBERNETES_YAML);
  const objects: ManifestObject[] = [];
  // Documents are composed one at a time and dropped once read, so a file of millions of
  // empty `---` documents costs no memory.
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type === 'document') refuseDeepNesting(token, file, lineCounter);
    for (const document of composer.next(token)) readDocument(document, file, lineCounter, objects);
  }
  for (const document of composer.end()) readDocument(document, file, lineCounter, objects);
  const strayError = composer.streamInfo().errors[0];
  if (strayError) throw syntaxError(file, lineCounter, strayError);
  return objects;
}

/** Walks the syntax tree without recursion and stops at the first level beyond the limit. */
function refuseDeepNesting(document: CST.Document, file: string, lineCounter: LineCounter): void {
  const pending: Array<{ token: CST.Token; depth: number }> = document.value ? [{ token: document.value, depth: 1 }] : [];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (!('items' in token) || !Array.isArray(token.items)) continue;
    if (depth > MAX_NESTING_DEPTH) {
      const line = lineCounter.linePos(token.offset).line;
      throw VibeInputError.single(`${file}:${line}`, `nests more than ${MAX_NESTING_DEPTH} levels deep, which no Kubernetes object does. Check the file is a manifest.`);
    }
    for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
      if (item.key) pending.push({ token: item.key, depth: depth + 1 });
      if (item.value) pending.push({ token: item.value, depth: depth + 1 });
    }
  }
}

/** A YAML map or list node, asked for the node at a path (to name a field's own line). */
type NodeWithPaths = { getIn?: (path: string[], keepNode: true) => unknown };

function readDocument(document: Document, file: string, lineCounter: LineCounter, objects: ManifestObject[]): void {
  if (document.errors.length > 0) throw syntaxError(file, lineCounter, document.errors[0]);
  const contents = document.contents;
  if (!contents) return;
  const line = lineCounter.linePos(contents.range?.[0] ?? 0).line;
  const value = toPlainValue(document, `${file}:${line}`);
  if (value === null || value === undefined) return;
  const object = asKubernetesObject(value, `${file}:${line}`);

  const lineOf = (node: unknown) => {
    const start = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    return start === undefined ? undefined : lineCounter.linePos(start).line;
  };
  if (Array.isArray(object.items) && object.kind.endsWith('List')) {
    const itemNodes = (contents as { get?: (key: string, keepNode: true) => unknown }).get?.('items', true);
    const nodes = yamlLibrary().isSeq(itemNodes) ? itemNodes.items : [];
    object.items.forEach((item: unknown, index: number) => {
      const itemLine = lineOf(nodes[index]) ?? line;
      const typed = asKubernetesObject(listItem(item, object), `${file}:${itemLine}`);
      refuseWrongTypes(typed, file, itemLine, (fieldPath) => lineOf((nodes[index] as NodeWithPaths | undefined)?.getIn?.(fieldPath, true)));
      objects.push(manifestOf(typed, file, itemLine));
    });
    return;
  }
  refuseWrongTypes(object, file, line, (fieldPath) => lineOf((contents as NodeWithPaths).getIn?.(fieldPath, true)));
  objects.push(manifestOf(object, file, line));
}

function toPlainValue(document: Document, location: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    if (/resource exhaustion/.test(message)) {
      throw VibeInputError.single(location, `YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which looks like an "alias bomb". Write the repeated values out instead.`);
    }
    // The parser's own message may quote the file (an alias name); the file's text is never repeated.
    throw VibeInputError.single(location, 'cannot be read as YAML: an alias (*name) has no &anchor before it. Define each &anchor before its *alias.');
  }
}

type KubernetesObject = Record<string, any> & { apiVersion: string; kind: string };

function isKubernetesObject(value: unknown): value is KubernetesObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return typeof object.apiVersion === 'string' && object.apiVersion !== '' && typeof object.kind === 'string' && object.kind !== '';
}

function asKubernetesObject(value: unknown, location: string): KubernetesObject {
  const example = 'Expected a Kubernetes object starting with apiVersion and kind, e.g. "apiVersion: apps/v1" and "kind: Deployment".';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // What the value is, never what it says: the file may be anything (a token, a password file).
    const what = Array.isArray(value) ? 'a list' : `a single value (${kindOfValue(value)})`;
    throw VibeInputError.single(location, `is ${what}, not a Kubernetes object. ${example}`);
  }
  const object = value as Record<string, unknown>;
  const wrong = ['apiVersion', 'kind'].filter((key) => object[key] !== undefined && object[key] !== null && typeof object[key] !== 'string');
  if (wrong.length > 0) {
    const described = wrong.map((key) => `${key} is ${kindOfValue(object[key])}`).join(' and ');
    throw VibeInputError.single(location, `is not a Kubernetes object Kubernetes accepts: ${described}, not text. Write it as text, e.g. "kind: Deployment" (quote it if YAML would read it otherwise).`);
  }
  const missing = ['apiVersion', 'kind'].filter((key) => typeof object[key] !== 'string' || object[key] === '');
  if (missing.length > 0) throw VibeInputError.single(location, `is not a Kubernetes object: no ${missing.join(' and no ')}. ${example}`);
  return object as KubernetesObject;
}

/** `text`, `a number`, `a boolean (true/false)`…: what a value is, for messages that must not quote it. */
function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean (YAML reads y, n, yes, no, on, off, true and false as booleans)';
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

/**
 * An item of a typed list (`PodList`, `NamespaceList`, as `kubectl get -o yaml` and the API
 * write them) may leave out kind and apiVersion: the list's kind without `List` and the list's
 * apiVersion, as kubectl reads them. A plain `List` names each item's kind itself.
 */
function listItem(item: unknown, list: KubernetesObject): unknown {
  if (list.kind === 'List' || item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const object = item as Record<string, unknown>;
  if (object.kind !== undefined && object.apiVersion !== undefined) return item;
  return { ...object, apiVersion: object.apiVersion ?? list.apiVersion, kind: object.kind ?? list.kind.slice(0, -'List'.length) };
}

/** The metadata fields the API server decodes as text: any other type makes it refuse the object. */
const TEXT_FIELDS: readonly (readonly string[])[] = [
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['metadata', 'generateName'],
];

/** The first field of `object` that Kubernetes would refuse for its type, as a path; undefined when none. */
function wronglyTypedField(object: Record<string, any>): string[] | undefined {
  const metadata = object.metadata;
  // A metadata that is no map is the checks' to judge (the fuzz feeds them such); only its fields are typed here.
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  for (const fieldPath of TEXT_FIELDS) {
    const value = metadata[fieldPath[1]];
    if (value !== undefined && value !== null && typeof value !== 'string') return [...fieldPath];
  }
  return undefined;
}

/**
 * Refuses an object whose name, namespace or generateName is not text, as the API server
 * does (`name: y` is the boolean true in Kubernetes' YAML): it is never read as nameless, or as
 * in no namespace. The message names the field and its line, not the value.
 */
function refuseWrongTypes(object: KubernetesObject, file: string, line: number, lineOfField: (fieldPath: string[]) => number | undefined): void {
  const fieldPath = wronglyTypedField(object);
  if (fieldPath === undefined) return;
  let value: unknown = object;
  for (const key of fieldPath) value = (value as Record<string, unknown>)?.[key];
  const field = fieldPath.join('.');
  throw VibeInputError.single(
    `${file}:${lineOfField(fieldPath) ?? line}`,
    `${object.kind} ${field} is ${kindOfValue(value)}, and Kubernetes refuses it: it must be text. ` +
      (typeof value === 'object' && value !== null ? 'Write one text value there (in quotes when it looks like anything else).' : 'Put the value in quotes, e.g. name: "y".'),
  );
}

function manifestOf(object: KubernetesObject, file: string, line: number): ManifestObject {
  const metadata = object.metadata;
  const name = typeof metadata?.name === 'string' ? metadata.name : typeof metadata?.generateName === 'string' ? metadata.generateName : '';
  const namespace = typeof metadata?.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return { object, file, line, apiVersion: object.apiVersion, kind: object.kind, name, namespace };
}

function syntaxError(file: string, lineCounter: LineCounter, error: YAMLError): VibeInputError {
  const position = lineCounter.linePos(error.pos[0]);
  return VibeInputError.single(`${file}:${position.line}:${position.col}`, `not valid YAML: ${yamlProblem(error)}. Check the indentation and quotes on that line.`);
}

/** 1-based line numbers for offsets asked in increasing order, counting each newline once. */
class LineNumbers {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (let next = this.text.indexOf('\n', this.offset); next !== -1 && next < offset; next = this.text.indexOf('\n', next + 1)) this.line++;
    this.offset = offset;
    return this.line;
  }
}
