/**
 * The one credential detector for a named value (an env var, a ConfigMap key, a Dockerfile
 * ENV/ARG, a Helm value): the value's format first (credential-rules.ts and the scanner's own
 * credential patterns), then the name's words (credential-names.ts), then, under a key-like name,
 * the value's entropy (entropy.ts). Synchronous, so the answers' schema can use it too; the review
 * adds secretlint's rules (run in a worker) on top. A verdict never holds the value.
 */
import { classifyName, nameWords } from './credential-names';
import { CREDENTIAL_RULES, matchRule } from './credential-rules';
import { looksRandom, shannonEntropy } from './entropy';
import { BUILTIN_PATTERNS } from './patterns';
import { wordTest } from './pretests';

/** Why a value is a credential: what it is, and by which rule. */
export interface CredentialVerdict {
  /** `format` (a known format or a password in a URL), `name` (the name's words), `entropy` (random under a key-like name). */
  readonly by: 'format' | 'name' | 'entropy';
  /** The rule id: a format's source id, `credential-name` or `random-value`. */
  readonly rule: string;
  /** In plain words: "Stripe secret key", "a credential by its name", "a random-looking key". */
  readonly what: string;
}

/** Flags, not secrets: `TOKEN_AUTH: "true"`. */
const BOOLEAN_WORD = /^(?:true|false|yes|no|on|off|enabled|disabled)$/i;
/** `$(VAR)` (Kubernetes expansion), `${VAR}`, `{{ .Values.x }}`: a value taken from elsewhere. */
const REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}]+\}|\{\{[^}]*\}\}/;

/**
 * True when a value holds something: not empty, not a flag, not made of references. A reference
 * is a value composed from another variable (itself checked), not a credential in plain text.
 * Masks such as `xxxxx` do count: nobody can tell them from a password.
 */
export function holdsValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return trimmed.length > 0 && !BOOLEAN_WORD.test(trimmed) && !REFERENCE.test(trimmed);
}

/** `true`, `off`, …: a flag. */
export function isFlag(value: string): boolean {
  return BOOLEAN_WORD.test(value.trim());
}

/** The scanner's credential patterns, except the field pattern: for a named value, the name is judged below. */
const VALUE_PATTERNS = BUILTIN_PATTERNS.filter((p) => p.category === 'credential' && p.rule !== 'credential-field' && p.rule !== 'password-field');

/**
 * The known format a text holds, if any: `sk_live_…`, a JWT, a private key, a URL with a password.
 * `context` (the value's name) lets the rules that need one (`mailgun…=key-…`, `aws_secret_access_key=…`) see it.
 */
export function credentialFormatIn(text: string, context?: string): CredentialVerdict | undefined {
  const prefix = context ? `${context}=` : '';
  const whole = prefix + text;
  for (const pattern of VALUE_PATTERNS) {
    const hit = pattern.find(whole).find((m) => m.end > prefix.length);
    if (hit) return { by: 'format', rule: hit.rule ?? pattern.rule, what: hit.name ?? pattern.name };
  }
  return undefined;
}

/** `scheme://host…` with no `user:password@` (a password there is a known format, caught before). */
const URL_WITHOUT_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/(?:[^\s:@/]+@)?[^\s@]*$/i;

/** The rules that need the value's name, for a value the scanner has already scanned alone. */
const NAMED_RULES = CREDENTIAL_RULES.filter((rule) => rule.needsName);
/** Their keywords (three long words) in one test: most named values (a dashboard, nginx.conf) hold none. */
const ANY_NAMED_KEYWORD = wordTest(NAMED_RULES.flatMap((rule) => rule.keywords));

function namedFormatIn(text: string, name: string): CredentialVerdict | undefined {
  const whole = `${name}=${text}`;
  if (!ANY_NAMED_KEYWORD(whole)) return undefined;
  for (const rule of NAMED_RULES) {
    if (wordTest(rule.keywords)(whole) && matchRule(rule, whole, shannonEntropy).some((m) => m.end > name.length + 1)) return { by: 'format', rule: rule.id, what: rule.name };
  }
  return undefined;
}

export interface JudgeOptions {
  /**
   * The value alone went through the scanner already (the review scans every value once): only
   * the formats that need the name are looked for here.
   * @default false
   */
  readonly valueScanned?: boolean;
}

/** Judges a value with its name: a credential in plain text, or undefined. */
export function judgeNamedValue(name: string, value: unknown, options: JudgeOptions = {}): CredentialVerdict | undefined {
  if (!holdsValue(value)) return undefined;
  const text = String(value);
  const format = options.valueScanned ? namedFormatIn(text, name) : credentialFormatIn(text, name);
  if (format) return format;
  const kind = classifyName(name);
  // `MONGODB_URI=mongodb://host:27017/admin`: a connection URL without a password holds no credential.
  if (kind === 'credential' && URL_WITHOUT_PASSWORD.test(text) && /^ur[li]$/.test(nameWords(name).pop() ?? '')) return undefined;
  if (kind === 'credential') return { by: 'name', rule: 'credential-name', what: 'a credential by its name' };
  if (kind === 'key-like' && looksRandom(text)) return { by: 'entropy', rule: 'random-value', what: 'a random-looking key' };
  return undefined;
}
