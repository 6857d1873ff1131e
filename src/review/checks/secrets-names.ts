/**
 * The secrets checks' (E2, E3, E5) words for names and values. Which names and values are
 * credentials is the detector's to say (../secrets/detector.ts), the same one that refuses them
 * in the creator's `env`; re-exported here for the checks.
 */
export { isCredentialName } from '../secrets/credential-names';
export { holdsValue, isFlag, judgeNamedValue, type CredentialVerdict } from '../secrets/detector';

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
