import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { inspectSealedValue, seal, sealingLabel, type SealScope } from '../../src/seal/crypto';
import { tempDir } from '../helpers/render';
import { testKeyPair, unseal } from './helpers/unseal';

const SECRET = 'p@ss=word "with" quotes\nand a second line ✓';
const NS = 'platform-vibe-shop';
const NAME = 'shop-credentials';

function sealFor(scope: SealScope, plaintext: Buffer | string = SECRET, bits: 2048 | 4096 = 2048) {
  return seal(plaintext, { publicKey: testKeyPair(bits).publicKey, scope, namespace: NS, name: NAME });
}

const opens = (ciphertext: string, label: string) => unseal(ciphertext, testKeyPair().privateKey, label).toString('utf8');

describe('sealingLabel', () => {
  it('binds strict values to namespace/name, namespace-wide to the namespace, cluster-wide to nothing', () => {
    expect(sealingLabel('strict', NS, NAME).toString()).toBe(`${NS}/${NAME}`);
    expect(sealingLabel('namespace-wide', NS, NAME).toString()).toBe(NS);
    expect(sealingLabel('cluster-wide', NS, NAME)).toEqual(Buffer.alloc(0));
  });
});

describe('seal: round trip against an independent decryption', () => {
  it('opens a strict value only under its own namespace and name', () => {
    const { ciphertext } = sealFor('strict');
    expect(opens(ciphertext, `${NS}/${NAME}`)).toBe(SECRET);
  });

  it('fails to open a strict value renamed or moved to another namespace', () => {
    const { ciphertext } = sealFor('strict');
    expect(() => opens(ciphertext, `${NS}/other-secret`)).toThrow();
    expect(() => opens(ciphertext, `other-namespace/${NAME}`)).toThrow();
    expect(() => opens(ciphertext, NS)).toThrow();
    expect(() => opens(ciphertext, '')).toThrow();
  });

  it('opens a namespace-wide value under any name in its namespace', () => {
    const { ciphertext } = sealFor('namespace-wide');
    expect(opens(ciphertext, NS)).toBe(SECRET);
  });

  it('fails to open a namespace-wide value moved to another namespace', () => {
    const { ciphertext } = sealFor('namespace-wide');
    expect(() => opens(ciphertext, 'other-namespace')).toThrow();
    expect(() => opens(ciphertext, `${NS}/${NAME}`)).toThrow();
  });

  it('opens a cluster-wide value anywhere (empty label)', () => {
    const { ciphertext } = sealFor('cluster-wide');
    expect(opens(ciphertext, '')).toBe(SECRET);
  });

  it('keeps arbitrary bytes exactly, including non-UTF-8 and NUL', () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x3d, 0x22, 0x80]);
    const { ciphertext } = sealFor('strict', bytes);
    expect(unseal(ciphertext, testKeyPair().privateKey, `${NS}/${NAME}`)).toEqual(bytes);
  });

  it('round-trips with a 4096-bit key', () => {
    const { ciphertext } = sealFor('strict', SECRET, 4096);
    expect(unseal(ciphertext, testKeyPair(4096).privateKey, `${NS}/${NAME}`).toString()).toBe(SECRET);
  });

  it('fails to open when one byte of the RSA block is flipped', () => {
    const bytes = Buffer.from(sealFor('strict').ciphertext, 'base64');
    bytes[2 + 100] = (bytes[2 + 100] + 1) % 256;
    expect(() => opens(bytes.toString('base64'), `${NS}/${NAME}`)).toThrow();
  });

  it('fails to open when one byte of the GCM part is flipped (ciphertext or tag)', () => {
    for (const offsetFromEnd of [1, 20]) {
      const bytes = Buffer.from(sealFor('strict').ciphertext, 'base64');
      bytes[bytes.length - offsetFromEnd] = (bytes[bytes.length - offsetFromEnd] + 1) % 256;
      expect(() => opens(bytes.toString('base64'), `${NS}/${NAME}`)).toThrow();
    }
  });

  it('records what the value was sealed for', () => {
    expect(sealFor('namespace-wide').target).toEqual({ scope: 'namespace-wide', namespace: NS, name: NAME });
  });
});

describe('seal: byte layout', () => {
  it.each([
    [2048, 256],
    [4096, 512],
  ] as const)('with a %i-bit key: u16 BE length %i, then the RSA block, then plaintext + 16-byte tag', (bits, rsaLength) => {
    const plaintext = Buffer.from('exactly 23 bytes long!!');
    const bytes = Buffer.from(sealFor('strict', plaintext, bits).ciphertext, 'base64');
    expect(bytes[0]).toBe(Math.floor(rsaLength / 256));
    expect(bytes[1]).toBe(rsaLength % 256);
    expect(bytes.readUInt16BE(0)).toBe(rsaLength);
    expect(bytes.length).toBe(2 + rsaLength + plaintext.length + 16);
  });

  it('is standard padded base64', () => {
    const { ciphertext } = sealFor('strict', 'x');
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(ciphertext.length % 4).toBe(0);
  });

  it('differs every time the same value is sealed (fresh session key)', () => {
    const a = Buffer.from(sealFor('strict').ciphertext, 'base64');
    const b = Buffer.from(sealFor('strict').ciphertext, 'base64');
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(2, 258).equals(b.subarray(2, 258))).toBe(false);
    expect(a.subarray(258).equals(b.subarray(258))).toBe(false);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

// OpenSSL's pkeyutl is a second, non-Node implementation of RSA-OAEP; it is told MGF1 SHA-256
// explicitly, so this proves the MGF1 digest too (Go's DecryptOAEP uses SHA-256 for both).
(hasOpenssl ? describe : describe.skip)('seal: interoperability with openssl pkeyutl', () => {
  function unwrapWithOpenssl(scope: SealScope, mgf1Digest: string) {
    const dir = tempDir('vibe-seal-openssl-');
    try {
      fs.writeFileSync(path.join(dir, 'key.pem'), testKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      const bytes = Buffer.from(sealFor(scope).ciphertext, 'base64');
      fs.writeFileSync(path.join(dir, 'rsa.bin'), bytes.subarray(2, 2 + bytes.readUInt16BE(0)));
      const label = sealingLabel(scope, NS, NAME);
      const args = ['pkeyutl', '-decrypt', '-inkey', path.join(dir, 'key.pem'), '-in', path.join(dir, 'rsa.bin'), '-out', path.join(dir, 'session.key'),
        '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', `rsa_mgf1_md:${mgf1Digest}`];
      if (label.length > 0) args.push('-pkeyopt', `rsa_oaep_label:${label.toString('hex')}`);
      const result = spawnSync('openssl', args, { encoding: 'utf8' });
      return { status: result.status, sessionKey: result.status === 0 ? fs.readFileSync(path.join(dir, 'session.key')) : undefined };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each(['strict', 'namespace-wide', 'cluster-wide'] as const)('unwraps the %s session key with OAEP SHA-256 / MGF1 SHA-256 and the scope label', (scope) => {
    const result = unwrapWithOpenssl(scope, 'sha256');
    expect(result.status).toBe(0);
    expect(result.sessionKey).toHaveLength(32);
  });

  it('fails to unwrap when openssl is told MGF1 SHA-1 (so the check above really tests the MGF1 digest)', () => {
    expect(unwrapWithOpenssl('strict', 'sha1').status).not.toBe(0);
  });
});

describe('seal: refuses bad targets and keys', () => {
  it('fails on a namespace that is not a DNS label, naming the field and the value', () => {
    expect(() => seal('x', { publicKey: testKeyPair().publicKey, scope: 'strict', namespace: 'Shop_NS', name: NAME })).toThrow(
      /^namespace: got a value that is not a valid name \(7 characters, capital letters, "_";[^"]*\); a namespace is at most 63 lowercase letters.* Example: namespace: platform-vibe-shop$/,
    );
  });

  it('fails on a bad name and an unknown scope together, as VibeInputError', () => {
    const attempt = () => seal('x', { publicKey: testKeyPair().publicKey, scope: 'global' as SealScope, namespace: NS, name: 'Bad Name' });
    expect(attempt).toThrow(VibeInputError);
    expect(attempt).toThrow(/^name: got a value that is not a valid name \(8 characters, capital letters, spaces;.*\nscope: got "global"; allowed values are "strict", "namespace-wide", "cluster-wide"/);
  });

  it('fails on a key that is not an RSA public key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => seal('x', { publicKey, scope: 'strict', namespace: NS, name: NAME })).toThrow(/RSA public key/);
    expect(() => seal('x', { publicKey: testKeyPair().privateKey, scope: 'strict', namespace: NS, name: NAME })).toThrow(/RSA public key/);
  });
});

describe('inspectSealedValue', () => {
  it('reports the RSA block length of a sealed value', () => {
    expect(inspectSealedValue(sealFor('strict').ciphertext)).toEqual({ ok: true, rsaLength: 256 });
    expect(inspectSealedValue(sealFor('strict', 'x', 4096).ciphertext)).toEqual({ ok: true, rsaLength: 512 });
  });

  it.each([
    ['empty text', '', /empty/],
    ['plaintext', 'hunter2', /not standard base64/],
    ['base64 with a line break', 'AAAA\nAAAA', /not standard base64/],
    ['unpadded base64', 'AQ', /not standard base64/],
    ['URL-safe base64', 'AQD_-w==', /not standard base64/],
    ['one byte', Buffer.from([1]).toString('base64'), /1 byte long/],
    ['a zero length prefix', Buffer.from([0, 0, 1, 2]).toString('base64'), /empty RSA block/],
    ['a truncated value', Buffer.concat([Buffer.from([1, 0]), Buffer.alloc(256)]).toString('base64'), /256-byte RSA block but holds only 258 bytes \(at least 274/],
  ])('fails on %s', (_, value, reason) => {
    const result = inspectSealedValue(value);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toMatch(reason);
  });
});
