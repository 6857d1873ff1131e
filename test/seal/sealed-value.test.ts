import { testKeyPair } from './helpers/unseal';
import { seal } from '../../src/seal/crypto';
import * as sealIndex from '../../src/seal/index';
import { SealedValue, sealedValueFromCiphertext } from '../../src/seal/sealed-value';

const TARGET = { scope: 'strict', namespace: 'platform-vibe-shop', name: 'shop-credentials' } as const;

/** Stands in for the construct API, which accepts only sealed values. */
function acceptsOnlySealed(value: SealedValue): string {
  return value.ciphertext;
}

describe('SealedValue can only come from seal() or a sealed file', () => {
  const sealed = seal('hunter2', { publicKey: testKeyPair().publicKey, ...TARGET });

  it('is produced by seal() and exposes only the base64 ciphertext', () => {
    expect(SealedValue.isSealedValue(sealed)).toBe(true);
    expect(acceptsOnlySealed(sealed)).toBe(sealed.ciphertext);
    expect(JSON.stringify({ v: sealed })).toBe(JSON.stringify({ v: sealed.ciphertext }));
    expect(JSON.stringify(sealed)).not.toContain('hunter2');
  });

  it('fails to construct from outside, even through JavaScript', () => {
    // @ts-expect-error the constructor is private: there is no public way to wrap a string
    expect(() => new SealedValue('hunter2')).toThrow(/cannot be constructed directly/);
    const Constructor = SealedValue as unknown as new (...args: unknown[]) => SealedValue;
    expect(() => new Constructor(Symbol('vibe-env SealedValue construction'), 'hunter2', TARGET)).toThrow(/cannot be constructed directly/);
  });

  it('fails to type-check when a plaintext string is passed where a SealedValue is expected', () => {
    // @ts-expect-error a string is not a SealedValue
    expect(() => acceptsOnlySealed('hunter2')).not.toThrow();
    // @ts-expect-error a look-alike object is not a SealedValue either (private field)
    acceptsOnlySealed({ ciphertext: 'hunter2', target: TARGET });
  });

  it('fails the brand check for look-alikes and prototype tricks', () => {
    const forged = Object.create(SealedValue.prototype) as SealedValue;
    expect(forged instanceof SealedValue).toBe(true);
    expect(SealedValue.isSealedValue(forged)).toBe(false);
    expect(() => forged.ciphertext).toThrow(TypeError);
    expect(SealedValue.isSealedValue({ ciphertext: sealed.ciphertext, target: TARGET })).toBe(false);
    expect(SealedValue.isSealedValue('hunter2')).toBe(false);
    expect(SealedValue.isSealedValue(null)).toBe(false);
  });

  it('fails to change once made (frozen)', () => {
    expect(Object.isFrozen(sealed)).toBe(true);
    expect(Object.isFrozen(sealed.target)).toBe(true);
    expect(() => {
      (sealed as unknown as { target: unknown }).target = { ...TARGET, name: 'other' };
    }).toThrow(TypeError);
  });

  it('fails to wrap plaintext even through the internal factory', () => {
    expect(() => sealedValueFromCiphertext('hunter2', TARGET)).toThrow(/not a sealed value/);
    expect(() => sealedValueFromCiphertext(Buffer.from('hunter2').toString('base64'), TARGET)).toThrow(/not a sealed value/);
    expect(SealedValue.isSealedValue(sealedValueFromCiphertext(sealed.ciphertext, TARGET))).toBe(true);
  });

  it('keeps the internal factory out of the public index', () => {
    expect(Object.keys(sealIndex)).not.toContain('sealedValueFromCiphertext');
    expect(Object.keys(sealIndex)).toEqual(expect.arrayContaining(['seal', 'SealedValue', 'SealedSecretFile', 'loadSealingKey', 'inspectSealedValue']));
  });
});
