import { inspectSealedValue } from './ciphertext-layout';
import type { SealTarget } from './scope';

/** Proves a constructor call came from this module; never exported. */
const CONSTRUCTION_TOKEN: unique symbol = Symbol('vibe-env SealedValue construction');

/** Assigned in SealedValue's static block, the only code allowed to call its constructor. */
let mint: (ciphertext: string, target: SealTarget) => SealedValue;

/**
 * A secret value that is already encrypted for the cluster's Sealed Secrets controller. The
 * construct API accepts only this type, so a plaintext string cannot reach a manifest: the
 * only ways to get one are `seal()` and loading a sealed file.
 *
 * Forging is refused at both levels: the constructor is private for TypeScript, and at run time
 * it throws unless called with a module-private token. `isSealedValue` checks a private field, so
 * an object built with `Object.create(SealedValue.prototype)` is not accepted either.
 */
export class SealedValue {
  /** True only for instances this module created (not for look-alikes or prototype tricks). */
  public static isSealedValue(value: unknown): value is SealedValue {
    return typeof value === 'object' && value !== null && #ciphertext in value;
  }

  static {
    mint = (ciphertext, target) => new SealedValue(CONSTRUCTION_TOKEN, ciphertext, target);
  }

  readonly #ciphertext: string;

  /** The Secret this value was sealed for; the controller will not open it for another. */
  public readonly target: SealTarget;

  private constructor(token: typeof CONSTRUCTION_TOKEN, ciphertext: string, target: SealTarget) {
    if (token !== CONSTRUCTION_TOKEN) {
      throw new TypeError('SealedValue cannot be constructed directly: use seal() or SealedSecretFile.load() so plaintext never reaches a manifest.');
    }
    this.#ciphertext = ciphertext;
    this.target = Object.freeze({ scope: target.scope, namespace: target.namespace, name: target.name });
    Object.freeze(this);
  }

  /** The sealed value as the SealedSecret's `encryptedData` holds it (standard base64). */
  public get ciphertext(): string {
    return this.#ciphertext;
  }

  /** Ciphertext only; there is no plaintext to leak. */
  public toJSON(): string {
    return this.#ciphertext;
  }
}

/**
 * Wraps ciphertext that `seal()` just produced or a sealed file holds. Refuses anything that is
 * not shaped like a sealed value, so even internal callers cannot wrap plaintext by mistake.
 *
 * @internal Not part of the public API; never re-export it from an index.
 */
export function sealedValueFromCiphertext(ciphertext: string, target: SealTarget): SealedValue {
  const inspection = inspectSealedValue(ciphertext);
  if (!inspection.ok) throw new TypeError(`not a sealed value: it ${inspection.reason}`);
  return mint(ciphertext, target);
}
