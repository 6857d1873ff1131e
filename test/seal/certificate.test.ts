import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { loadSealingKey, readSealingKeyFile, sealingKeyModulusBytes } from '../../src/seal/certificate';
import { seal } from '../../src/seal/crypto';
import { tempDir } from '../helpers/render';
import { testKeyPair, unseal } from './helpers/unseal';

/** Made once with `openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -subj /CN=sealed-secret -days 3650`; public cert only. */
const FIXTURE_CERT = path.join(__dirname, 'fixtures', 'sealed-secrets-cert.pem');

function writeFile(name: string, text: string): string {
  const file = path.join(tempDir('vibe-cert-'), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('loadSealingKey', () => {
  it('reads the public key of an X.509 CERTIFICATE (as kubeseal --fetch-cert prints it)', () => {
    const key = loadSealingKey(fs.readFileSync(FIXTURE_CERT, 'utf8'), 'cert.pem');
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(sealingKeyModulusBytes(key)).toBe(256);
  });

  it.each([2048, 4096] as const)('reads a %i-bit PUBLIC KEY PEM and seals values its private key opens', (bits) => {
    const pair = testKeyPair(bits);
    const key = loadSealingKey(pair.publicPem, 'pub.pem');
    expect(sealingKeyModulusBytes(key)).toBe(bits / 8);
    const sealed = seal('hunter2', { publicKey: key, scope: 'cluster-wide', namespace: 'ns', name: 'n' });
    expect(unseal(sealed.ciphertext, pair.privateKey, '').toString()).toBe('hunter2');
  });

  it('takes the first certificate of a file with text around it', () => {
    const text = `subject=CN = sealed-secret\n${fs.readFileSync(FIXTURE_CERT, 'utf8')}\n${fs.readFileSync(FIXTURE_CERT, 'utf8')}`;
    expect(sealingKeyModulusBytes(loadSealingKey(text, 'cert.pem'))).toBe(256);
  });

  it('fails on an expired certificate, as kubeseal does', () => {
    const pem = fs.readFileSync(FIXTURE_CERT, 'utf8');
    expect(() => loadSealingKey(pem, '"cert.pem"', { now: new Date('2099-01-01T00:00:00Z') })).toThrow(
      /^cert: "cert.pem" is a certificate that expired on .+ GMT\. Fetch the controller's current one: kubeseal --fetch-cert/,
    );
  });

  it('fails on a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadSealingKey(ec, '"ec.pem"')).toThrow(/^cert: "ec.pem" holds an EC key; Sealed Secrets uses RSA keys\. Expected the Sealed Secrets controller's certificate/);
  });

  it('fails on an RSA key shorter than 2048 bits', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadSealingKey(small, '"small.pem"')).toThrow(/holds a 1024-bit RSA key; at least 2048 bits are required/);
  });

  it('fails on a private key without repeating it', () => {
    const pem = testKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let message = '';
    try {
      loadSealingKey(pem, '"key.pem"');
    } catch (error) {
      expect(error).toBeInstanceOf(VibeInputError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^cert: "key.pem" holds a PRIVATE key\. Sealing needs only the public certificate/);
    expect(message).not.toContain(pem.split('\n')[1]);
  });

  it.each([
    ['no PEM at all', 'hello', /holds no PEM certificate or public key/],
    ['a damaged certificate', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n', /has a certificate PEM block that cannot be read/],
    ['a damaged public key', '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n', /has a public key PEM block that cannot be read/],
  ])('fails on %s, naming the file and what is expected', (_, text, reason) => {
    expect(() => loadSealingKey(text, '"x.pem"', { field: '--cert' })).toThrow(reason);
    expect(() => loadSealingKey(text, '"x.pem"', { field: '--cert' })).toThrow(/^--cert: "x\.pem" .*Expected the Sealed Secrets controller's certificate \(-----BEGIN CERTIFICATE-----\)/);
  });
});

describe('readSealingKeyFile', () => {
  it('reads a certificate file', () => {
    expect(readSealingKeyFile(FIXTURE_CERT).asymmetricKeyType).toBe('rsa');
  });

  it('fails on a missing file, naming it', () => {
    expect(() => readSealingKeyFile('/nonexistent/cert.pem', { field: '--cert' })).toThrow(/^--cert: "\/nonexistent\/cert.pem" does not exist\. Expected/);
  });

  it('fails on a folder', () => {
    const dir = tempDir();
    expect(() => readSealingKeyFile(dir)).toThrow(/is a folder; pass the certificate file/);
  });

  it('fails on a file that is not a certificate, naming the file', () => {
    const file = writeFile('values.yaml', 'slug: shop\n');
    expect(() => readSealingKeyFile(file)).toThrow(`cert: "${file}" holds no PEM certificate or public key.`);
  });
});
