import type { YAMLError } from 'yaml';

/** The parser's messages that carry part of the file; replaced by what the problem is. */
const QUOTING: readonly [RegExp, string][] = [
  [/^Unexpected .* in (flow map|flow sequence|flow collection|collection)$/, 'an unexpected character in a [ ] or { } collection'],
  [/^Unknown directive /, 'a % directive other than %YAML or %TAG'],
  [/^Unsupported YAML version /, 'a %YAML version other than 1.1 or 1.2'],
  [/^The .* tag has no suffix$/, 'a !tag with nothing after its prefix'],
  [/^Unresolved plain scalar /, 'a value the YAML schema cannot read'],
  [/^Verbatim tags aren't resolved/, 'a verbatim !<tag>'],
  [/^Invalid escape sequence /, 'an escape sequence (\\…) YAML does not know in a "double-quoted" text'],
  [/^Plain value cannot start with /, 'a value starting with a character YAML reserves (@ or `); quote the value'],
  [/^Anchors and tags must be after the /, 'an &anchor or !tag before a - or ? indicator'],
  [/^Unresolved tag: /, 'a !tag Kubernetes does not read'],
  [/^Could not resolve tag: /, 'a !tag Kubernetes does not read'],
  [/^Not a valid tag: /, 'a !tag that is not valid'],
  [/^Block scalar header includes extra characters/, 'extra characters after a | or > block header'],
  [/^Ordered maps must not include duplicate keys/, 'a key written twice'],
];

/** A message of the parser's own words only: letters, digits, spaces and plain punctuation. */
const OWN_WORDS = /^[A-Za-z0-9 ,.'()[\]{}-]+$/;

/**
 * What a YAML syntax error is, in the parser's words where they are its own, and never the
 * text of the file: messages that would quote it (an alias, a tag, an escape) are replaced by
 * a description, and anything unrecognised by the error's code.
 */
export function yamlProblem(error: YAMLError): string {
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  for (const [pattern, description] of QUOTING) if (pattern.test(first)) return description;
  if (OWN_WORDS.test(first)) return first;
  return `a YAML syntax error (${error.code})`;
}
