/**
 * Names judged by their words: `DB_PASS` → db, pass; `jwtSigningKey` → jwt, signing, key. A name
 * either holds a credential (`DB_PASS`, `ADMIN_PW`, `COOKIE_SIGNING_SALT`, `SENTRY_DSN`),
 * may hold one (`STRIPE_KEY`, `AUTH`: judged with the value's entropy), or describes one
 * (`TOKEN_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`, `DB_PASSWORD_FILE`, `MAX_TOKENS`: not a credential).
 */

/** `credential`: its value is a credential; `key-like`: a random-looking value is one; `none`. */
export type NameKind = 'credential' | 'key-like' | 'none';

/** Words whose value is a credential. */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pass', 'pw', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'creds',
  'dsn', 'hmac', 'salt', 'pepper', 'signing', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'accesstoken', 'bearer', 'jwt',
]);
/** Glued spellings (`DBPASSWORD`, `MYAPIKEY`): these long words are credentials inside any word. */
const CREDENTIAL_INFIXES = ['password', 'passwd', 'passphrase', 'secret', 'credential', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken'];
/** Two-word credentials: `API_KEY`, `ENCRYPTION_KEY`, `CLIENT_SECRET` (secret alone is enough), `CONNECTION_STRING`. */
const CREDENTIAL_PAIRS = new Set([
  'api key', 'access key', 'secret key', 'private key', 'encryption key', 'signing key', 'master key', 'session key', 'license key', 'licence key',
  'connection string', 'conn string', 'conn str', 'database url', 'database uri', 'db url', 'db uri', 'mongo url', 'mongo uri', 'mongodb url',
  'mongodb uri', 'redis url', 'redis uri', 'amqp url', 'amqp uri', 'rabbitmq url', 'broker url', 'webhook url',
]);
/** Words whose value may be a credential: judged with the value. */
const KEY_LIKE_WORDS = new Set(['key', 'keys', 'auth', 'private', 'conn', 'sig', 'signature', 'cookie']);

/**
 * A last word that makes the name describe a credential rather than hold it: `_FILE` (the Docker
 * secrets convention), `_TTL_SECONDS`, `_MIN_LENGTH`, `_ENABLED`, `_HEADER`, `_URL` of an issuer…
 */
const DESCRIBING_LAST_WORDS = new Set([
  'file', 'files', 'path', 'dir', 'ttl', 'timeout', 'expiry', 'expires', 'expiration', 'lifetime', 'seconds', 'secs', 'sec', 'ms', 'millis', 'minutes',
  'mins', 'hours', 'days', 'enabled', 'disabled', 'enable', 'disable', 'required', 'mode', 'type', 'method', 'provider', 'issuer', 'audience', 'realm',
  'scope', 'scopes', 'endpoint', 'url', 'uri', 'host', 'port', 'header', 'length', 'len', 'size', 'algorithm', 'alg', 'name', 'names', 'ref', 'version',
  'prefix', 'suffix', 'count', 'min', 'max', 'limit', 'rotation', 'interval', 'policy', 'format', 'field', 'param', 'location', 'id', 'ids', 'store',
  'vault', 'style', 'layout', 'label', 'rounds', 'cost', 'strength', 'charset', 'pattern', 'regex', 'kind', 'bits', 'region', 'user', 'username',
]);
/** Words that say the value is public by design: `STRIPE_PUBLISHABLE_KEY`, `PUBLIC_KEY` (gitleaks' generic rule allows `pub(?:lic)?[_.-]?key` too). */
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pub']);
/**
 * Keys that are not credentials, by the word before `key`: gitleaks' generic rule allows
 * `(bucket|foreign|hot|idx|natural|primary|schema|sequence)[_.-]?key`; the others are the data
 * keys apps name in settings (`CACHE_KEY`, `SORT_KEY`, `PARTITION_KEY`, `IDEMPOTENCY_KEY`).
 */
const DATA_KEY_QUALIFIERS = new Set([
  'bucket', 'foreign', 'hot', 'idx', 'natural', 'primary', 'schema', 'sequence',
  'cache', 'sort', 'partition', 'idempotency', 'routing', 'lookup', 'dedup', 'dedupe', 'feature', 'flag', 'group', 'shard', 'hash', 'map', 'row', 'column',
]);
/** A first word that makes it a quantity or a reference: `MAX_TOKENS`, `NUM_KEYS`, `existingSecret` (a Secret's name, Helm charts' convention). */
const QUANTITY_FIRST_WORDS = new Set(['max', 'min', 'num', 'count', 'total', 'existing']);

/**
 * Substrings one of which every name that classifyName calls `credential` or `key-like` holds, in
 * any case (each word and pair above holds one: test/review/secrets/pretests.test.ts checks it):
 * a text where none stands before a `:` or `=` holds no credential field (patterns.ts).
 */
export const CREDENTIAL_NAME_HINTS: readonly string[] = [
  'pass', 'pw', 'secret', 'token', 'key', 'auth', 'cred', 'dsn', 'hmac', 'salt', 'pepper', 'sign', 'jwt', 'bearer', 'private', 'conn', 'sig', 'cookie', 'url', 'uri',
];

/** Every word and pair that can make a name `credential` or `key-like` (for the test of CREDENTIAL_NAME_HINTS). */
export const CREDENTIAL_VOCABULARY: readonly string[] = [...CREDENTIAL_WORDS, ...CREDENTIAL_INFIXES, ...CREDENTIAL_PAIRS, ...KEY_LIKE_WORDS];

/** `jwtSigningKey`, `DB_PASS`, `api-key.v2` → lowercase words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The connection URLs the platform hands out carry a password, whatever their last word says. */
const CONNECTION_PAIR_AT_END = /(?:^|\s)(?:database|db|mongo|mongodb|redis|amqp|rabbitmq|broker|webhook) ur[li]$|(?:connection|conn) str(?:ing)?$/;

/**
 * Names judged so far: a review judges every env var and ConfigMap key of every app, and a set of
 * many apps repeats the same few hundred names (LOG_LEVEL, nginx.conf). Bounded: emptied when full.
 */
const judgedNames = new Map<string, NameKind>();
const JUDGED_NAMES_MAX = 10_000;

/** What a name says about its value. */
export function classifyName(name: string): NameKind {
  let kind = judgedNames.get(name);
  if (kind === undefined) {
    kind = classifyWords(name);
    if (judgedNames.size >= JUDGED_NAMES_MAX) judgedNames.clear();
    judgedNames.set(name, kind);
  }
  return kind;
}

function classifyWords(name: string): NameKind {
  const words = nameWords(name);
  if (words.length === 0) return 'none';
  const joined = words.join(' ');
  const describesLast = DESCRIBING_LAST_WORDS.has(words[words.length - 1]);
  const quantityFirst = words.length > 1 && QUANTITY_FIRST_WORDS.has(words[0]);
  const describing = !CONNECTION_PAIR_AT_END.test(joined) && (describesLast || quantityFirst);
  if (describing || words.some((word) => PUBLIC_WORDS.has(word))) return 'none';
  for (let i = 0; i < words.length; i++) {
    if (CREDENTIAL_WORDS.has(words[i])) return 'credential';
    if (i + 1 < words.length && CREDENTIAL_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return 'credential';
    if (words[i].length > 6 && CREDENTIAL_INFIXES.some((infix) => words[i].includes(infix))) return 'credential';
  }
  const keyLike = words.some((word, i) => KEY_LIKE_WORDS.has(word) && !(word.startsWith('key') && i > 0 && DATA_KEY_QUALIFIERS.has(words[i - 1])));
  return keyLike ? 'key-like' : 'none';
}

/** True for a name whose value is a credential: `DB_PASSWORD`, `API_KEY`, `DATABASE_URL`, `token`. */
export function isCredentialName(name: string): boolean {
  return classifyName(name) === 'credential';
}
