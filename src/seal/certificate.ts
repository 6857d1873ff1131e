import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { VibeInputError } from '../contract/errors';
import { readBoundedFile } from '../io/bounded-read';

/** Smaller RSA keys are breakable; the controller generates 4096-bit keys. */
export const MIN_RSA_BITS = 2048;

/** A certificate is a few KiB; anything much bigger is the wrong file. */
const MAX_PEM_BYTES = 256 * 1024;

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PUBLIC_KEY_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/;
const PRIVATE_KEY_PEM = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

const KEY_TYPE_NAMES: Record<string, string> = { 'ec': 'an EC', 'ed25519': 'an Ed25519', 'ed448': 'an Ed448', 'dsa': 'a DSA', 'dh': 'a DH', 'rsa-pss': 'an RSA-PSS (signing only)' };

export interface LoadSealingKeyOptions {
  /** The field or flag named in messages (`cert` in the library, `--cert` in the CLI). @default "cert" */
  readonly field?: string;
  /** For tests of expiry. @default - the current time */
  readonly now?: Date;
}
const HOW_TO_GET =
  'Expected the Sealed Secrets controller\'s certificate (-----BEGIN CERTIFICATE-----) or its RSA public key (-----BEGIN PUBLIC KEY-----), '
  + 'e.g. the output of: kubeseal --fetch-cert > sealed-secrets-cert.pem';

/**
 * Reads the key values are sealed with from PEM text: the controller's X.509 certificate (as
 * `kubeseal --fetch-cert` prints it; its first certificate is used) or a bare RSA public key.
 * `source` names the file in messages. An expired certificate is refused, as kubeseal does: it
 * means an old or wrong certificate.
 */
export function loadSealingKey(pemText: string, source: string, options: LoadSealingKeyOptions = {}): KeyObject {
  const field = options.field ?? 'cert';
  const now = options.now ?? new Date();
  if (PRIVATE_KEY_PEM.test(pemText)) {
    throw VibeInputError.single(field, `${source} holds a PRIVATE key. Sealing needs only the public certificate; keep the controller's private key out of repositories and laptops. ${HOW_TO_GET}`);
  }
  const certificate = CERTIFICATE_PEM.exec(pemText);
  const publicKeyPem = certificate ? undefined : PUBLIC_KEY_PEM.exec(pemText);
  if (!certificate && !publicKeyPem) throw VibeInputError.single(field, `${source} holds no PEM certificate or public key. ${HOW_TO_GET}`);

  let key: KeyObject;
  try {
    if (certificate) {
      const x509 = new X509Certificate(certificate[0]);
      if (now.getTime() > Date.parse(x509.validTo)) {
        throw VibeInputError.single(field, `${source} is a certificate that expired on ${x509.validTo}. Fetch the controller's current one: kubeseal --fetch-cert > sealed-secrets-cert.pem`);
      }
      key = x509.publicKey;
    } else {
      key = createPublicKey({ key: publicKeyPem![0], format: 'pem' });
    }
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    const what = certificate ? 'certificate' : 'public key';
    throw VibeInputError.single(field, `${source} has a ${what} PEM block that cannot be read (damaged or not base64 DER). ${HOW_TO_GET}`);
  }

  if (key.asymmetricKeyType !== 'rsa') {
    throw VibeInputError.single(field, `${source} holds ${KEY_TYPE_NAMES[key.asymmetricKeyType ?? ''] ?? 'a non-RSA'} key; Sealed Secrets uses RSA keys. ${HOW_TO_GET}`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw VibeInputError.single(field, `${source} holds a ${bits}-bit RSA key; at least ${MIN_RSA_BITS} bits are required (the controller makes 4096-bit keys). ${HOW_TO_GET}`);
  }
  return key;
}

/**
 * The RSA modulus size in bytes, which is also the length of every RSA block sealed with the
 * key: 256 for 2048-bit keys, 512 for 4096-bit ones (what check E7 compares).
 */
export function sealingKeyModulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== 'rsa' || !bits) throw new TypeError('sealingKeyModulusBytes needs an RSA key');
  return Math.ceil(bits / 8);
}

/** Reads and checks a certificate or public key file (`--cert`). */
export function readSealingKeyFile(file: string, options: Pick<LoadSealingKeyOptions, 'field'> = {}): KeyObject {
  const field = options.field ?? 'cert';
  const text = readBoundedFile(file, { field, maxBytes: MAX_PEM_BYTES, what: 'the certificate file', hint: HOW_TO_GET }).toString('utf8');
  return loadSealingKey(text, `"${file}"`, { field });
}
