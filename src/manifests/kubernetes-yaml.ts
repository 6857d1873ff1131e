import { isScalar, Schema, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions } from 'yaml';

/** The YAML tags Kubernetes honours. */
const KUBERNETES_TAGS = new Set(['map', 'seq', 'str', 'null', 'bool', 'int', 'float', 'merge'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Read manifests the way `kubectl` does (go-yaml v2, YAML 1.1 scalars): `yes`/`no`/`on`/`off`
 * are booleans and `0644` is octal, so `privileged: on` means true for the review as it does
 * for the cluster. Timestamps and sexagesimal numbers stay strings, as go-yaml keeps them,
 * and `!!set`/`!!binary` build nothing exotic. `<<` merge keys work.
 *
 * This is the reference dialect: the fast reader (fast-manifests.ts) resolves plain scalars
 * with exactly these tags, and falls back to the `yaml` package for anything else.
 */
export const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: (tags) => tags.filter((tag) => typeof tag === 'object' && KUBERNETES_TAGS.has(tag.tag) && (tag as { format?: string }).format !== 'TIME'),
};

/** How a plain (unquoted) scalar becomes a value: the first tag whose test matches decides. */
export interface PlainScalarTag {
  readonly test: RegExp;
  readonly resolve: (source: string) => unknown;
}

let plainScalarTags: readonly PlainScalarTag[] | undefined;

/**
 * The implicit scalar tags of {@link KUBERNETES_YAML}, in the order the `yaml` composer tries
 * them (null, bool, int, float; `<<` only as a key, which the fast reader leaves to `yaml`).
 */
export function kubernetesPlainScalarTags(): readonly PlainScalarTag[] {
  if (plainScalarTags) return plainScalarTags;
  const schema = new Schema({ schema: 'yaml-1.1', merge: true, customTags: KUBERNETES_YAML.customTags });
  const noError = () => undefined;
  plainScalarTags = schema.tags
    .filter((tag): tag is ScalarTag & { test: RegExp } => tag.default === true && tag.test instanceof RegExp)
    .map((tag) => ({ test: tag.test, resolve: (source: string) => valueOf(tag.resolve(source, noError, { intAsBigInt: false })) }));
  return plainScalarTags;
}

/** Some tags (null, bool) answer with a Scalar node; the composer would unwrap it the same way. */
function valueOf(resolved: unknown): unknown {
  return isScalar(resolved) ? resolved.value : resolved;
}
