import { scopeAnnotations, type SealTarget } from './scope';
import type { SealedValue } from './sealed-value';

export const SEALED_SECRET_API_VERSION = 'bitnami.com/v1alpha1';
export const SEALED_SECRET_KIND = 'SealedSecret';

/** Secret data keys, as Kubernetes validates them (IsConfigMapKey). */
export const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_SECRET_KEY_LENGTH = 253;

/** Why a Secret key is refused, or undefined when it is a valid key. */
export function secretKeyProblem(key: string): string | undefined {
  if (!SECRET_KEY.test(key)) return 'a key may hold only letters, digits, "-", "_" and "."';
  if (key.length > MAX_SECRET_KEY_LENGTH) return `a key is at most ${MAX_SECRET_KEY_LENGTH} characters`;
  if (key === '.' || key === '..' || key.startsWith('..')) return 'a key cannot be "." or start with ".."';
  return undefined;
}

/** The Secret keys in the order every output uses: sorted, so diffs stay small. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One SealedSecret manifest, as kubeseal writes it: the scope annotations on the object and on
 * the template (the controller copies the template's metadata onto the Secret it creates).
 */
export function sealedSecretManifest(target: SealTarget, values: ReadonlyMap<string, SealedValue>, secretType = 'Opaque'): Record<string, unknown> {
  const annotations = scopeAnnotations(target.scope);
  const metadata = (): Record<string, unknown> => ({
    name: target.name,
    namespace: target.namespace,
    ...(Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
  });
  const encryptedData: Record<string, string> = {};
  for (const key of sortedKeys(values.keys())) encryptedData[key] = values.get(key)!.ciphertext;
  return {
    apiVersion: SEALED_SECRET_API_VERSION,
    kind: SEALED_SECRET_KIND,
    metadata: metadata(),
    spec: {
      encryptedData,
      template: { metadata: metadata(), type: secretType },
    },
  };
}
