import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './cli';

/** The character rules of RFC 3986: what a URI (reference) may contain. */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const sarifValidator = new Ajv({
  strict: false,
  allErrors: true,
  // The schema's `language` pattern is not a valid Unicode-mode regular expression.
  unicodeRegExp: false,
  formats: {
    'uri': (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URI_CHARACTERS.test(value),
    'uri-reference': (value: string) => URI_CHARACTERS.test(value),
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i,
  },
}).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'sarif-2.1.0.json'), 'utf8')));

/** What the vendored SARIF 2.1.0 schema finds wrong with a document (empty when it is valid). */
export function sarifErrors(document: unknown): unknown[] {
  return sarifValidator(document) ? [] : [...(sarifValidator.errors ?? [])];
}
