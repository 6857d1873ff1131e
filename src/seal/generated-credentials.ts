import { randomBytes } from 'node:crypto';
import type { PlaintextEntry } from './plaintext-lines';
import type { CredentialSpec } from '../components/stateful-component';
import { VibeInputError } from '../contract/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random password of letters and digits (32 characters, about 190 bits): safe inside URLs,
 * shell here-documents and config files without any quoting.
 */
export function generatePassword(length = 32): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 248 && out.length < length) out.push(ALPHABET[byte % ALPHABET.length]);
    }
  }
  return out.join('');
}

/** One component's credentials: all built from the same password, so they always agree. */
export interface CredentialGroup {
  readonly component: string;
  readonly credentials: readonly CredentialSpec[];
}

/**
 * Fresh values for every group none of whose keys is sealed yet. A group that is half sealed
 * cannot be completed (the sealed password cannot be read back), so it is an error that says
 * which keys to seal by hand.
 */
export function generateMissingCredentials(groups: readonly CredentialGroup[], sealedKeys: ReadonlySet<string>): PlaintextEntry[] {
  const entries: PlaintextEntry[] = [];
  for (const group of groups) {
    const sealed = group.credentials.filter((c) => sealedKeys.has(c.key));
    if (sealed.length === group.credentials.length) continue;
    if (sealed.length > 0) {
      const missing = group.credentials.filter((c) => !sealedKeys.has(c.key)).map((c) => c.key);
      throw VibeInputError.single(
        '--generate',
        `${group.component}: ${sealed.map((c) => c.key).join(', ')} is sealed but ${missing.join(', ')} is not, and a sealed password cannot be read back. ` +
          `Seal ${missing.join(', ')} yourself from stdin, or remove the ${group.component} keys from the sealed file and --generate again.`,
      );
    }
    const password = generatePassword();
    for (const credential of group.credentials) {
      entries.push({ key: credential.key, value: Buffer.from(credential.fromPassword(password), 'utf8'), origin: `--generate ${group.component}` });
    }
  }
  return entries;
}
