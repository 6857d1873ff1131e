import { VibeInputError } from '../contract/errors';

/**
 * Who may decrypt a sealed value, as Bitnami Sealed Secrets defines it. The scope is bound into
 * the ciphertext (the OAEP label), so it cannot be widened later without sealing again.
 * - `strict`: only a Secret with this exact name in this exact namespace (the default).
 * - `namespace-wide`: a Secret of any name in this namespace.
 * - `cluster-wide`: a Secret of any name in any namespace.
 */
export type SealScope = 'strict' | 'namespace-wide' | 'cluster-wide';

export const SEAL_SCOPES: readonly SealScope[] = ['strict', 'namespace-wide', 'cluster-wide'];

/** The annotations the controller reads to pick the label when it decrypts. */
export const NAMESPACE_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/namespace-wide';
export const CLUSTER_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/cluster-wide';

/** What a value is sealed for: the Secret it may become. */
export interface SealTarget {
  /**
   * Where the values may be opened: strict (this Secret), namespace-wide or cluster-wide.
   * @see https://github.com/bitnami-labs/sealed-secrets#scopes
   */
  readonly scope: SealScope;
  /** The namespace of the Secret the controller creates. */
  readonly namespace: string;
  /** The name of that Secret. */
  readonly name: string;
}

/** Turns a `--scope` flag or option into a SealScope, or says what is allowed. */
export function parseScope(value: unknown, field = 'scope'): SealScope {
  if (typeof value === 'string' && (SEAL_SCOPES as readonly string[]).includes(value)) return value as SealScope;
  const allowed = SEAL_SCOPES.map((s) => `"${s}"`).join(', ');
  const got = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  const example = field.startsWith('--') ? `${field} namespace-wide` : `${field}: namespace-wide`;
  throw VibeInputError.single(field, `got ${got}; allowed values are ${allowed} (default "strict"). Example: ${example}`);
}

/** The metadata annotations a SealedSecret and its template carry for a scope (none for strict). */
export function scopeAnnotations(scope: SealScope): Record<string, string> {
  if (scope === 'namespace-wide') return { [NAMESPACE_WIDE_ANNOTATION]: 'true' };
  if (scope === 'cluster-wide') return { [CLUSTER_WIDE_ANNOTATION]: 'true' };
  return {};
}

/** Reads the scope back from a SealedSecret's annotations, the way the controller does. */
export function scopeFromAnnotations(annotations: Readonly<Record<string, unknown>> | undefined): SealScope | 'both' {
  const namespaceWide = annotations?.[NAMESPACE_WIDE_ANNOTATION] === 'true';
  const clusterWide = annotations?.[CLUSTER_WIDE_ANNOTATION] === 'true';
  if (namespaceWide && clusterWide) return 'both';
  if (clusterWide) return 'cluster-wide';
  return namespaceWide ? 'namespace-wide' : 'strict';
}

/** "secret db in namespace shop (strict scope)", for messages. */
export function describeTarget(target: SealTarget): string {
  return `secret "${target.name}" in namespace "${target.namespace}" (${target.scope} scope)`;
}

export function sameTarget(a: SealTarget, b: SealTarget): boolean {
  return a.scope === b.scope && a.namespace === b.namespace && a.name === b.name;
}
