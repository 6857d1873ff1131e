/**
 * Manifest values as parsed from YAML are untrusted: any field may be missing or of another
 * type. The review reads them only through these narrowings, never as `any`.
 */

/** A mapping of a manifest (an object, not an array or null). */
export type ManifestMap = Readonly<Record<string, unknown>>;

export function isMap(value: unknown): value is ManifestMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as a mapping; `{}` when it is anything else. */
export function asMap(value: unknown): ManifestMap {
  return isMap(value) ? value : {};
}

/** The value as a list; `[]` when it is anything else. */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mappings of a list value (other items skipped). */
export function mapsOf(value: unknown): readonly ManifestMap[] {
  return asList(value).filter(isMap);
}

/** A text field, or undefined when it is not text. */
export function textField(map: ManifestMap, key: string): string | undefined {
  const value = map[key];
  return typeof value === 'string' ? value : undefined;
}
