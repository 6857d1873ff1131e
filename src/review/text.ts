/**
 * A value read from a manifest, as text for messages and comparisons: what `String()` gives,
 * without ever throwing. YAML can write a map with its own `toString` key (`{toString: 1}`), on
 * which `String()`, template literals, `join` and `RegExp.test` throw "Cannot convert object to
 * primitive value"; such a map reads as `[object Object]`, like any other map.
 */
export function textOf(value: unknown): string {
  return textWithin(value, new Set());
}

/** `seen`: the lists being joined, as Array.prototype.join skips a list inside itself. */
function textWithin(value: unknown, seen: Set<unknown>): string {
  if (typeof value === 'string') return value;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  if (Array.isArray(value)) {
    if (seen.has(value)) return '';
    seen.add(value);
    const text = value.map((item) => (item === null || item === undefined ? '' : textWithin(item, seen))).join(',');
    seen.delete(value);
    return text;
  }
  try {
    return String(value);
  } catch {
    return '[object Object]';
  }
}

/** The items of a list as text, joined as Array.prototype.join joins them (null and undefined: empty). */
export function joinedText(list: readonly unknown[], separator: string): string {
  return list.map((item) => (item === null || item === undefined ? '' : textOf(item))).join(separator);
}

/** Number(value), without throwing on a map or list that cannot be turned into text (it reads as its text would). */
export function numberOf(value: unknown): number {
  return value !== null && typeof value === 'object' ? Number(textOf(value)) : Number(value);
}
