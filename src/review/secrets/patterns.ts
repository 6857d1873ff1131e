/**
 * The secret and personal-data patterns, checked synchronously in the main thread: the known
 * credential formats (credential-rules.ts: Stripe, OpenAI, GitHub, AWS, JWTs, private keys, …),
 * credential fields (`password=…`, `"api_key": "…"`, judged by the field's words and the value),
 * bearer tokens, private key BEGIN lines, URLs that carry a password, e-mail addresses and card
 * numbers that pass the Luhn check. secretlint (run in a worker, see scanner.ts) runs its own
 * recommended rules beside them.
 */
import { classifyName } from './credential-names';
import { CREDENTIAL_RULES, matchRule } from './credential-rules';
import { looksRandom, shannonEntropy } from './entropy';
import { pretestsOf } from './pretests';

/** `credential`: something that opens a door. `pii`: personal data that must not be logged. */
export type SecretCategory = 'credential' | 'pii';

/** Where a pattern matched inside one text: the secret itself is never kept. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  /** The rule that matched, when the pattern stands for many (the known formats). */
  readonly rule?: string;
  readonly name?: string;
}

export interface SecretPattern {
  /** Stable id, used in reports: `email`, `card-number`, … */
  readonly rule: string;
  /** What was found, in plain words: "e-mail address". */
  readonly name: string;
  readonly category: SecretCategory;
  find(text: string): PatternMatch[];
}

/** Values that stand for a secret without being one: references, templates, masks, booleans. */
const NOT_A_VALUE = /^(?:|null|nil|none|undefined|true|false|[|>][-+]?|\[?redacted\]?|<redacted>|\[filtered\]|[*x•#]+|\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|%\(?\w*\)?s|<[^>]*>)$/i;

/** True for a value that is a placeholder, a reference or a mask rather than a secret. */
export function isNonSecretValue(value: string): boolean {
  return NOT_A_VALUE.test(value.trim());
}

/** Luhn (mod 10) over the digits of a candidate card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function matchesOf(pattern: RegExp, text: string, accept?: (match: RegExpExecArray) => PatternMatch | undefined): PatternMatch[] {
  const found: PatternMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    const accepted = accept ? accept(match as RegExpExecArray) : { start: index, end: index + match[0].length };
    if (accepted) found.push(accepted);
  }
  return found;
}

/**
 * `jane.doe@example.com`. Not `user:pass@host.com` (the local part may not follow `:` or `/`:
 * that is a URL's credentials, reported as `url-password`), not `rabbit@localhost` (no TLD),
 * not `pkg@1.2.3`.
 */
const EMAIL = /(?<![A-Za-z0-9._%+:/-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/**
 * 13 to 19 digits, single spaces or dashes allowed between them, starting with a card network's
 * first digit (2–6: Mastercard, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay/Maestro),
 * not part of a longer number, and Luhn-valid. The first-digit rule keeps epoch-millisecond
 * timestamps (`17…`) out, which would otherwise pass Luhn one time in ten.
 */
const CARD_CANDIDATE = /(?<![0-9A-Za-z.])[2-6]\d(?:[ -]?\d){11,17}(?![0-9A-Za-z]|\.\d|[ -]\d)/g;

/** Key names whose value is a password: `password`, `db_password`, `clientSecret`, `PWD`. */
const PASSWORD_KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret)`;
const QUOTED_OR_BARE = String.raw`("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s,;&"'}\]]+)`;
/** `"password": "hunter2"` (JSON), `'password': 'hunter2'` (a Python dict), `"pwd"="x"`. */
const PASSWORD_QUOTED = new RegExp(String.raw`(["'])(${PASSWORD_KEY})\1\s*[:=]\s*` + QUOTED_OR_BARE, 'gi');
/** `password=hunter2` (key=value, logfmt, query strings); not `password == x`. */
const PASSWORD_ASSIGN = new RegExp(String.raw`(?<![A-Za-z0-9_.-])()(${PASSWORD_KEY})\s*=(?!=)\s*` + QUOTED_OR_BARE, 'gi');
/** `password: hunter2` at the start of a line (YAML, properties); prose like "wrong password: try again" is not a field. */
const PASSWORD_YAML = new RegExp(String.raw`^[ \t-]*()(${PASSWORD_KEY})[ \t]*:[ \t]+` + QUOTED_OR_BARE, 'gim');

/** The value (third group) of a password field, unless it stands for no secret. */
function passwordValue(match: RegExpExecArray): PatternMatch | undefined {
  const raw = match[3];
  const quoted = /^["']/.test(raw) ? 1 : 0;
  const value = raw.slice(quoted, raw.length - quoted);
  if (isNonSecretValue(value)) return undefined;
  const start = (match.index ?? 0) + match[0].length - raw.length + quoted;
  return { start, end: start + value.length };
}

/** `Authorization: Bearer eyJhbGciOi…`: the token is reported, from 12 characters on. */
const BEARER = /\b[Bb]earer\s+([A-Za-z0-9\-._~+/]{12,}=*)/g;

/** A private key's BEGIN line, even malformed (3 to 5 dashes) or without its END line. */
const PRIVATE_KEY = /-{3,5}\s?BEGIN\s+(?:[A-Z0-9]+\s+)*PRIVATE\s+KEY(?:\s+BLOCK)?\s?-{3,5}/g;

/** `scheme://user:password@host`: the password of a URL, unless it is a reference. */
const URL_PASSWORD = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/?#@"']*:([^\s/?#@"']+)@[^\s/?#"']+/g;

function urlPassword(match: RegExpExecArray): PatternMatch | undefined {
  const password = match[1];
  if (isNonSecretValue(password) || /^\$[({]|^\{\{|^%/.test(password)) return undefined;
  const start = (match.index ?? 0) + match[0].indexOf(`:${password}@`) + 1;
  return { start, end: start + password.length };
}

/**
 * `api_key=…`, `"client_secret": "…"`, `DB_PASS: …` inside any text (a log message, a properties
 * file in a ConfigMap): the field's name and value judged together, as for a named value. The value
 * must look made up (not a word: gitleaks' generic rule skips `^[a-zA-Z_.-]+$` too) with at least
 * 3 bits of entropy per character; under a key-like name (`stripe_key`), it must look random.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]{1,60})\1[ \t]*(:|=)[ \t]*["']?([^\s"',;&}\]<>)=:]{8,200}={0,2})(?=[\s"',;&}\]<>)]|$)/g;
const MADE_UP_MIN_ENTROPY = 3;
/** Password words: after `=` or as a quoted key, any value is a password (as the password-field pattern holds). */
const PASSWORD_WORD = /(?:^|[^a-z])(?:pass|pw|pwd|passwd|password|passphrase)(?:[^a-z]|$)|password|passwd/i;

function credentialAssignment(match: RegExpExecArray): PatternMatch | undefined {
  const [, quote, name, separator, value] = match;
  if (isNonSecretValue(value) || /^\$[({]|^\{\{|^%/.test(value)) return undefined;
  const kind = classifyName(name);
  const password = kind === 'credential' && (separator === '=' || quote !== '') && PASSWORD_WORD.test(name);
  const madeUp = !/^[A-Za-z_.-]+$/.test(value) && shannonEntropy(value) >= MADE_UP_MIN_ENTROPY;
  const secret = password || (kind === 'credential' ? madeUp : kind === 'key-like' && looksRandom(value));
  if (!secret) return undefined;
  const start = (match.index ?? 0) + match[0].length - value.length;
  return { start, end: start + value.length };
}

const bearerToken = (m: RegExpExecArray): PatternMatch => {
  const start = (m.index ?? 0) + m[0].length - m[1].length;
  return { start, end: start + m[1].length };
};

/**
 * What each credential pattern's regexes find in a text, without the pattern's pre-test: the
 * pre-tests (pretests.ts, and the separator test of the field pattern) only spare these scans of
 * texts where they cannot match, and a test holds them to finding exactly the same.
 */
export const UNTESTED_FINDERS = {
  'known-format': (text: string): PatternMatch[] => CREDENTIAL_RULES.flatMap((rule) => matchRule(rule, text, shannonEntropy).map((m) => ({ ...m, rule: rule.id, name: rule.name }))),
  'private-key': (text: string): PatternMatch[] => matchesOf(PRIVATE_KEY, text),
  'url-password': (text: string): PatternMatch[] => matchesOf(URL_PASSWORD, text, urlPassword),
  'bearer-token': (text: string): PatternMatch[] => matchesOf(BEARER, text, bearerToken),
  'password-field': (text: string): PatternMatch[] => [PASSWORD_QUOTED, PASSWORD_ASSIGN, PASSWORD_YAML].flatMap((pattern) => matchesOf(pattern, text, passwordValue)),
  'credential-field': (text: string): PatternMatch[] => matchesOf(ASSIGNMENT, text, credentialAssignment),
} as const;

/** Every known format in a text (its keywords looked for once for all rules), each under its source's rule id. */
function knownFormats(text: string): PatternMatch[] {
  // The shortest format (an npm token) is longer; every rule's keywords are in its regex.
  if (text.length < 8) return [];
  const pretests = pretestsOf(text);
  if (!pretests.anyRule) return [];
  return CREDENTIAL_RULES.flatMap((rule, index) =>
    (pretests.rule(index) ? matchRule(rule, text, shannonEntropy).map((m) => ({ ...m, rule: rule.id, name: rule.name })) : []),
  );
}

/** A credential field needs a name (2+ characters), a separator and an 8-character value. */
function credentialFields(text: string): PatternMatch[] {
  if (text.length < 11 || !pretestsOf(text).fieldName) return [];
  return UNTESTED_FINDERS['credential-field'](text);
}

/** The built-in patterns, credentials first (an overlap keeps the first). */
export const BUILTIN_PATTERNS: readonly SecretPattern[] = [
  { rule: 'known-format', name: 'known credential format', category: 'credential', find: knownFormats },
  {
    rule: 'private-key',
    name: 'private key',
    category: 'credential',
    find: (text) => (pretestsOf(text).pattern('private-key') ? UNTESTED_FINDERS['private-key'](text) : []),
  },
  {
    rule: 'url-password',
    name: 'password in a URL',
    category: 'credential',
    find: (text) => (pretestsOf(text).pattern('url-password') ? UNTESTED_FINDERS['url-password'](text) : []),
  },
  {
    rule: 'bearer-token',
    name: 'bearer token',
    category: 'credential',
    find: (text) => (pretestsOf(text).pattern('bearer-token') ? UNTESTED_FINDERS['bearer-token'](text) : []),
  },
  {
    rule: 'password-field',
    name: 'password field',
    category: 'credential',
    find: (text) => (pretestsOf(text).pattern('password-field') ? UNTESTED_FINDERS['password-field'](text) : []),
  },
  {
    rule: 'credential-field',
    name: 'credential field',
    category: 'credential',
    find: credentialFields,
  },
  {
    rule: 'email',
    name: 'e-mail address',
    category: 'pii',
    find: (text) => (text.includes('@') ? matchesOf(EMAIL, text) : []),
  },
  {
    rule: 'card-number',
    name: 'card number',
    category: 'pii',
    find: (text) =>
      matchesOf(CARD_CANDIDATE, text, (m) => {
        const digits = m[0].replace(/[ -]/g, '');
        if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return undefined;
        const start = m.index ?? 0;
        return { start, end: start + m[0].length };
      }),
  },
];
