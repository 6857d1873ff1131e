import { Yaml } from 'cdk8s';
import { Document } from 'yaml';

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
  return objects.map((object) => fastDocument(object) ?? Yaml.stringify(object)).join('---\n');
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
  if (typeof value !== 'string' || CONTROL.test(value) || DOCUMENT_MARKER.test(value) || value === MERGE_KEY) throw new NotFast();
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
 * The tests of every YAML 1.1 type other than string, from the yaml package's own schema (this
 * package's copy: cdk8s bundles another; the tests hold both to the same output).
 */
function yaml11Types(): readonly RegExp[] {
  otherTypes ??= (() => {
    const { schema } = new Document(null, { version: '1.1' });
    return [...schema.tags, ...(schema.compat ?? [])]
      .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test)
      .map((tag) => (tag as { test: RegExp }).test);
  })();
  return otherTypes;
}

/** Plain unless yaml would quote it: an indicator, or text that reads as another YAML 1.1 type (`yes`, `8080`, `0x1F`, `1:20`, `~`, …). */
function isPlain(value: string): boolean {
  return !NOT_PLAIN.test(value) && !yaml11Types().some((test) => test.test(value));
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
export const UNSAFE_IN_TEXT = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/gu;
