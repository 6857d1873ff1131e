import { isDeepStrictEqual } from 'node:util';
import { Yaml } from 'cdk8s';
import { VibeInputError } from '../contract/errors';
import { resolveGoPlainScalar } from '../manifests/go-yaml-scalars';
import { KUBERNETES_YAML } from '../manifests/kubernetes-yaml';
import { Document, parse } from '../shared-yaml';

/**
 * The YAML text of rendered objects: byte for byte what cdk8s's `Yaml.stringify` writes (the
 * `yaml` package, YAML 1.1, no line folding), written directly for the shapes manifests hold:
 * maps, lists, strings, integers and booleans. A document with anything else (null, a fraction,
 * a string that would need escapes) is handed to `Yaml.stringify` itself.
 *
 * Why: `yaml` builds a document tree and tests every string against every YAML 1.1 type to
 * stringify it; in a cold process that was ~80 ms of a ~600 ms `vibe synth`.
 * test/synth/manifest-yaml.test.ts holds the two to the same bytes.
 */
export function manifestYaml(objects: readonly unknown[]): string {
  return objects.map((object) => fastDocument(object) ?? checkedStringify(object)).join('---\n');
}

/**
 * `Yaml.stringify` for the rare document the fast writer leaves to it, read back as Kubernetes
 * reads it: when any value would come back as another type (`yaml` knows YAML 1.1, not Go's
 * `0o17`), the document is written as JSON instead, which every YAML reader reads alike.
 */
function checkedStringify(object: unknown): string {
  const text = Yaml.stringify(object);
  let back: unknown;
  try {
    back = parse(text, KUBERNETES_YAML);
  } catch {
    back = undefined;
  }
  if (isDeepStrictEqual(asJson(back), asJson(object))) return text;
  return `${escapeRaw(JSON.stringify(object, null, 2))}\n`;
}

/** A value as JSON sees it: what reaches the API server (no -0, no prototypes). */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** One document's text, or undefined when it holds something only `yaml` itself writes. */
export function fastDocument(object: unknown): string | undefined {
  if (!isCollection(object) || isEmpty(object)) return undefined;
  try {
    return `${collection(object, '')}\n`;
  } catch (error) {
    if (error instanceof NotFast) return undefined;
    throw error;
  }
}

/** Thrown from deep inside a document to hand the whole document to `yaml`. */
class NotFast extends Error {}

type Collection = readonly unknown[] | Readonly<Record<string, unknown>>;

function isCollection(value: unknown): value is Collection {
  return Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);
}

function isEmpty(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

const STEP = '  ';

/** A non-empty map or list whose lines are indented by `indent`; its first line is not. */
function collection(value: Collection, indent: string): string {
  if (Array.isArray(value)) return value.map((item, i) => `${i ? indent : ''}- ${listItem(item, indent + STEP)}`).join('\n');
  return Object.entries(value)
    .map(([key, item], i) => `${i ? indent : ''}${mapKey(key)}:${mapValue(item, indent)}`)
    .join('\n');
}

function mapValue(value: unknown, indent: string): string {
  if (isCollection(value)) {
    if (isEmpty(value)) return Array.isArray(value) ? ' []' : ' {}';
    // Lists under a key are indented too (yaml's indentSeq).
    return `\n${indent}${STEP}${collection(value, indent + STEP)}`;
  }
  return ` ${scalar(value, indent + STEP)}`;
}

function listItem(value: unknown, indent: string): string {
  if (isCollection(value)) {
    if (isEmpty(value)) return Array.isArray(value) ? '[]' : '{}';
    return collection(value, indent);
  }
  return scalar(value, indent);
}

/** `indent`: where the lines of a block string go. */
function scalar(value: unknown, indent: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value !== 'string') throw new NotFast();
  // Characters YAML readers reject, end a line at or show as something else: escaped, always.
  if (UNSAFE_CHARACTER.test(value)) return escapedString(value);
  if (CONTROL.test(value) || DOCUMENT_MARKER.test(value) || value === MERGE_KEY) throw new NotFast();
  if (value.includes('\n')) return blockString(value, indent);
  if (isPlain(value)) return value;
  if (DOUBLE_QUOTABLE.test(value)) return `"${value}"`;
  throw new NotFast();
}

function mapKey(key: string): string {
  if (key.length > 1000 || key.includes('\n') || CONTROL.test(key) || DOCUMENT_MARKER.test(key) || key === MERGE_KEY || !isPlain(key)) throw new NotFast();
  return key;
}

/** Characters yaml escapes in double quotes whatever the string (and tabs, kept out for simplicity). */
const CONTROL = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** YAML 1.1's merge key, which yaml writes by its own tag. */
const MERGE_KEY = '<<';
/** A line starting like a document marker: yaml may indent or quote it. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** yaml's own test (stringifyString.js) for a string that cannot be written plain, whatever it reads as. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Printable ASCII without `"` or `\\`: yaml double-quotes it as it is. */
const DOUBLE_QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

let otherTypes: readonly RegExp[] | undefined;
/**
 * The tests of every YAML 1.1 and YAML 1.2 type other than string, from the yaml package's own
 * schemas (this package's copy: cdk8s bundles another; the tests hold both to the same output).
 */
function otherTypeTests(): readonly RegExp[] {
  otherTypes ??= (['1.1', '1.2'] as const).flatMap((version) => {
    const { schema } = new Document(null, { version });
    return [...schema.tags, ...(schema.compat ?? [])]
      .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test)
      .map((tag) => (tag as { test: RegExp }).test);
  });
  return otherTypes;
}

/**
 * Plain unless some reader would take it for something else: an indicator, or text that reads
 * as another type in YAML 1.1 (`yes`, `8080`, `1:20`, `~`), in YAML 1.2 and js-yaml (`0o17`),
 * or in Kubernetes' own YAML (`0X1F`, `0B11`, `08`, `1_0`; see go-yaml-scalars.ts).
 */
function isPlain(value: string): boolean {
  return !NOT_PLAIN.test(value) && resolveGoPlainScalar(value).kind === 'str' && !otherTypeTests().some((test) => test.test(value));
}

/** A double-quoted string with every character outside printable ASCII and ordinary text escaped. */
function escapedString(value: string): string {
  if (/[\ud800-\udfff]/u.test(value)) {
    throw VibeInputError.single('answers', 'a value holds a lone UTF-16 surrogate (an escape such as "\\ud800" without its pair), which Kubernetes cannot read. Remove it.');
  }
  return escapeRaw(JSON.stringify(value));
}

/** JSON text (its control characters already escaped) with the rest of UNSAFE_CHARACTER escaped too. */
function escapeRaw(json: string): string {
  return json.replace(new RegExp(UNSAFE_CHARACTER.source, 'gu'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A multi-line string as a literal block: `|` keeps its one final line break, `|-` means none.
 * Leading blanks, trailing blanks and several final line breaks need yaml's header rules.
 */
function blockString(value: string, indent: string): string {
  const clip = value.endsWith('\n');
  const body = clip ? value.slice(0, -1) : value;
  if (body === '' || /^[ \n]/.test(body) || /\s$/.test(body)) throw new NotFast();
  return `|${clip ? '' : '-'}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}

/**
 * Text that goes into a `#` comment: every character YAML would end the line at, reject or
 * show as something else (controls, DEL, C1 including NEL, line/paragraph separators, BOM,
 * non-characters, bidi controls) becomes a `\\uXXXX` escape.
 */
export function escapeForComment(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Characters never written raw (see escapeForComment). */
const UNSAFE_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/u;
export const UNSAFE_IN_TEXT = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/gu;
