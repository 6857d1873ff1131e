/**
 * How Helm combines `-f a.yaml -f b.yaml`: in order, later files win; maps are merged key by key
 * at every depth, while lists and scalars are replaced whole (Helm's `mergeMaps` in
 * pkg/cli/values). A key set to `null` is then deleted, as Helm's coalescing does, so the
 * default applies again.
 */

type Values = Record<string, unknown>;

function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The files' values merged as Helm merges them, in the order given. */
export function mergeHelmValues(layers: readonly Values[]): Values {
  return layers.reduce<Values>((merged, layer) => mergeMaps(merged, layer), {});
}

function mergeMaps(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] = isMap(value) && isMap(existing) ? mergeMaps(existing, value) : value;
  }
  return out;
}

/** Every map key whose value is `null` removed, at every depth of maps (list items are kept). */
export function withoutNulls(values: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue;
    out[key] = isMap(value) ? withoutNulls(value) : value;
  }
  return out;
}

/**
 * The file whose value a path has after the merge: the last one that writes the path or one of
 * its parents (a later file that replaces a parent with a scalar or list owns the path too).
 */
export function ownerIndex(layers: readonly Values[], path: readonly string[]): number | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    let current: unknown = layers[i];
    for (const key of path) {
      if (!isMap(current) || !(key in current)) {
        current = undefined;
        break;
      }
      current = current[key];
      // A file that sets a parent to something other than a map replaced everything below it.
      if (!isMap(current)) return i;
    }
    if (current !== undefined) return i;
  }
  return undefined;
}
