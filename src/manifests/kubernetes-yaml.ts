import { type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions } from 'yaml';
import { GO_NON_TEXT_FIRST_CHARS, resolveGoPlainScalar, type GoScalar } from './go-yaml-scalars';

/** The collection and text tags Kubernetes honours, taken from `yaml` as they are. */
const KEPT_TAGS = new Set(['map', 'seq', 'str', 'merge'].map((t) => `tag:yaml.org,2002:${t}`));

/** A stand-in for a tag's RegExp: `yaml` and the fast reader only ever call `.test`. */
function goKind(kind: GoScalar['kind']): RegExp {
  return { test: (source: string) => resolveGoPlainScalar(source).kind === kind } as unknown as RegExp;
}

const IDENTIFY: Readonly<Record<GoScalar['kind'], (value: unknown) => boolean>> = {
  null: (value) => value === null || value === undefined,
  bool: (value) => typeof value === 'boolean',
  int: (value) => typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)),
  float: (value) => typeof value === 'number' && !Number.isInteger(value),
  str: (value) => typeof value === 'string',
};

/** null, bool, int and float exactly as go-yaml v2 resolves them (see go-yaml-scalars.ts), in its order. */
const GO_SCALAR_TAGS: ScalarTag[] = (['null', 'bool', 'int', 'float'] as const).map((kind) => ({
  tag: `tag:yaml.org,2002:${kind}`,
  default: true,
  // Which values the tag writes, for documents edited in place (vibe review --fix).
  identify: IDENTIFY[kind],
  test: goKind(kind),
  resolve: (source: string) => resolveGoPlainScalar(source).value,
  stringify: ({ value }) => String(value),
}));

/**
 * Read manifests the way `kubectl` does (sigs.k8s.io/yaml over go-yaml v2): `yes`/`no`/`on`/`off`
 * are booleans, `0644` and `0o644` are octal, `0X1F` is hex, `08` is the float 8. Timestamps and
 * sexagesimal numbers stay strings, as go-yaml keeps them, and `!!set`/`!!binary` build nothing
 * exotic. `<<` merge keys work.
 *
 * This is the reference dialect: the fast reader (fast-manifests.ts) resolves plain scalars
 * with exactly these tags, and falls back to the `yaml` package for anything else.
 */
export const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: (tags) => [
    ...tags.filter((tag) => typeof tag === 'object' && KEPT_TAGS.has(tag.tag) && (tag as { format?: string }).format !== 'TIME'),
    ...GO_SCALAR_TAGS,
  ],
};

/**
 * The implicit scalar tags of {@link KUBERNETES_YAML} as one resolver (go-yaml's, text left as
 * text), and the first characters of the scalars it can read as anything but text.
 */
export const KUBERNETES_PLAIN_SCALARS = { resolve: resolveGoPlainScalar, nonTextFirstChars: GO_NON_TEXT_FIRST_CHARS } as const;
