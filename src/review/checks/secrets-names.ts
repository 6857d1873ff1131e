import { SECRET_LOOKING_NAME } from '../../contract/patterns';

/**
 * Which names and values the secrets checks (E2, E3, E5) treat as credentials. The name list is
 * the contract's own (`SECRET_LOOKING_NAME`, the same list that refuses such names in the
 * creator's `env`), narrowed by the few suffixes that describe a credential without holding one.
 */

/** The connection URLs the platform hands out: they carry a password, whatever their suffix says. */
const CONNECTION_URL_NAME = /(?:^|[_.-])(?:DATABASE|MONGO|REDIS|AMQP)_UR[LI]$|CONNECTION_STRING|DSN$/i;

/**
 * `DB_PASSWORD_FILE=/run/secrets/db` (the Docker `_FILE` convention), `TOKEN_TTL=3600`,
 * `AUTH_ENABLED=true`, `OAUTH_ISSUER=https://…`, `SECRET_NAME=shop-secrets`: about a credential,
 * not one. A password inside such a value is still caught by the value patterns.
 */
const DESCRIBES_A_CREDENTIAL =
  /(?:^|[_.-])(?:FILE|PATH|DIR|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|ENABLED|DISABLED|ENABLE|DISABLE|REQUIRED|MODE|TYPE|METHOD|PROVIDER|ISSUER|AUDIENCE|REALM|SCOPES?|ENDPOINT|URL|URI|HOST|PORT|HEADER|LENGTH|SIZE|ALGORITHM|NAME|REF|VERSION)$/i;

/** A name whose value would be a credential: `DB_PASSWORD`, `API_KEY`, `DATABASE_URL`, `token`. */
export function isCredentialName(name: string): boolean {
  if (!SECRET_LOOKING_NAME.test(name)) return false;
  if (CONNECTION_URL_NAME.test(name)) return true;
  return !DESCRIBES_A_CREDENTIAL.test(name);
}

/** Flags, not secrets: `TOKEN_AUTH: "true"`. */
const BOOLEAN_WORD = /^(?:true|false|yes|no|on|off|enabled|disabled)$/i;
/** `$(VAR)` (Kubernetes expansion), `${VAR}`, `{{ .Values.x }}`: a value taken from elsewhere. */
const REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}]+\}|\{\{[^}]*\}\}/;

/**
 * True when a value set for a credential name holds something: not empty, not a flag, not made
 * of references. A reference is a value composed from another variable (itself checked), not a
 * credential in plain text. Masks such as `xxxxx` do count: nobody can tell them from a password.
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

/** True when a value is composed from `$(VAR)` references to other variables of the container. */
export function composedFromReferences(value: string): boolean {
  return /\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(value);
}

/**
 * `CHANGE_ME`, `REPLACE_ME`, `changeme`, `<replace-me>`: a placeholder as a token, not the word
 * "replace" in prose ("Replace this with a message" is not one).
 */
export const PLACEHOLDER_TOKEN = /(?<![A-Za-z0-9])(?:CHANGE|REPLACE)[_-]?ME(?![A-Za-z0-9])/i;

/** `Deployment/shop-app`, for messages. */
export function refOf(manifest: { readonly kind: string; readonly name: string }): string {
  return `${manifest.kind}/${manifest.name}`;
}

/** `a, b, c and 4 more`. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
