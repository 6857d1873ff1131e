import { constants, createCipheriv, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { layoutSealedBytes } from './ciphertext-layout';
import type { SealScope } from './scope';
import { checkSealTarget } from './seal-target';
import { sealedValueFromCiphertext, type SealedValue } from './sealed-value';

export { inspectSealedValue, type SealedValueInspection } from './ciphertext-layout';
export type { SealScope } from './scope';

/** AES-256 session key, fresh for every value. */
const SESSION_KEY_BYTES = 32;
/** GCM's standard nonce size. A zero nonce is safe because each session key encrypts once. */
const GCM_NONCE_BYTES = 12;

export interface SealOptions {
  /** The controller's public key (see loadSealingKey / readSealingKeyFile). */
  readonly publicKey: KeyObject;
  /**
   * Where the sealed value may be opened: this Secret only, any Secret of the namespace, or any.
   * @see https://github.com/bitnami-labs/sealed-secrets#scopes
   */
  readonly scope: SealScope;
  /** The namespace of the Secret the controller will create. */
  readonly namespace: string;
  /** The name of the Secret the controller will create. */
  readonly name: string;
}

/**
 * The RSA-OAEP label that binds a value to where it may be decrypted, exactly as the
 * controller derives it: strict `"<namespace>/<name>"`, namespace-wide `"<namespace>"`,
 * cluster-wide empty.
 */
export function sealingLabel(scope: SealScope, namespace: string, name: string): Buffer {
  if (scope === 'cluster-wide') return Buffer.alloc(0);
  if (scope === 'namespace-wide') return Buffer.from(namespace, 'utf8');
  return Buffer.from(`${namespace}/${name}`, 'utf8');
}

/**
 * Encrypts one value the way kubeseal does (sealed-secrets' HybridEncrypt): a random 32-byte
 * AES-256-GCM key encrypts the value with a zero nonce and no additional data; RSA-OAEP with
 * SHA-256 (MGF1 SHA-256 too) and the scope's label wraps that key.
 */
export function seal(plaintext: Buffer | string, options: SealOptions): SealedValue {
  const target = checkSealTarget(options);
  assertRsaPublicKey(options.publicKey);
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;

  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  try {
    const rsaBlock = publicEncrypt(
      {
        key: options.publicKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        // OpenSSL uses the OAEP digest for MGF1 when none is set: SHA-256 for both, as Go's EncryptOAEP.
        oaepHash: 'sha256',
        oaepLabel: sealingLabel(target.scope, target.namespace, target.name),
      },
      sessionKey,
    );
    const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(GCM_NONCE_BYTES));
    const gcm = Buffer.concat([cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    return sealedValueFromCiphertext(layoutSealedBytes(rsaBlock, gcm).toString('base64'), target);
  } finally {
    sessionKey.fill(0);
  }
}

function assertRsaPublicKey(key: KeyObject): void {
  if (key?.type !== 'public' || key.asymmetricKeyType !== 'rsa') {
    throw new TypeError('seal() needs the controller\'s RSA public key as a KeyObject; load it with loadSealingKey() or readSealingKeyFile().');
  }
}
