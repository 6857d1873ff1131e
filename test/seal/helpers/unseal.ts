import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto';

/**
 * An independent implementation of the controller's side (sealed-secrets' HybridDecrypt),
 * written from the format description with node:crypto only — nothing from src/seal — so the
 * tests check the library against the format, not against itself.
 */
export function unseal(base64: string, privateKey: KeyObject, label: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  const rsaLength = bytes.readUInt16BE(0);
  const rsaBlock = bytes.subarray(2, 2 + rsaLength);
  const gcm = bytes.subarray(2 + rsaLength);
  const sessionKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label, 'utf8') },
    rsaBlock,
  );
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(gcm.subarray(gcm.length - 16));
  return Buffer.concat([decipher.update(gcm.subarray(0, gcm.length - 16)), decipher.final()]);
}

export interface TestKeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  readonly publicPem: string;
}

const cache = new Map<number, TestKeyPair>();

/** RSA key pairs made in the test run (4096 bits takes a moment, so each size is made once). */
export function testKeyPair(bits: 2048 | 4096 = 2048): TestKeyPair {
  let pair = cache.get(bits);
  if (!pair) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    pair = { publicKey, privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    cache.set(bits, pair);
  }
  return pair;
}
